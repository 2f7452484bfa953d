package qihu.deploy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a person in at the local sign-in (auth-server) without a browser, for tests and the load tools: the ordinary
 * OpenID Connect code flow with PKCE, driven through the login form as a browser would (ask to authorize, fill in the
 * form with its CSRF token, take the code from the redirect, exchange it with the test client's secret). There is no
 * back door to keep out of production; see auth-server/README.md.
 *
 * <pre>{@code
 * String token = new SignIn(stack.issuer()).accessToken("yiwu.esc.handler");
 * }</pre>
 */
public final class SignIn {

    /** The password of every demo person (auth-server/src/main/resources/people/demo.yml). */
    public static final String DEMO_PASSWORD = "qihu-demo";

    public static final String TEST_CLIENT = "qihu-test";
    /** The test client's secret, as auth-server reads it; its demo default otherwise. */
    public static final String TEST_SECRET_ENV = "QIHU_TEST_SECRET";

    private static final String DEFAULT_TEST_SECRET = "qihu-test-secret";
    /** Tools acting on their own (client_credentials): an admin across the province (auth-server's qihu.auth.clients). */
    public static final String TOOLS_CLIENT = "qihu-tools";

    public static final String TOOLS_SECRET_ENV = "QIHU_TOOLS_SECRET";
    private static final String DEFAULT_TOOLS_SECRET = "qihu-tools-secret";
    private static final String TEST_REDIRECT = "http://127.0.0.1/qihu-test/callback";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;
    private final String clientSecret;

    /** With the test client's secret from {@value #TEST_SECRET_ENV}, or the demo one. */
    public SignIn(URI issuer) {
        this(issuer, System.getenv().getOrDefault(TEST_SECRET_ENV, DEFAULT_TEST_SECRET));
    }

    public SignIn(URI issuer, String clientSecret) {
        this.issuer = issuer;
        this.clientSecret = clientSecret;
    }

    /** A demo person's access token (every demo password is {@value #DEMO_PASSWORD}). */
    public String accessToken(String username) {
        return accessToken(username, DEMO_PASSWORD);
    }

    /**
     * @throws StackException if the sign-in refuses the person or does not answer as expected, saying which step
     */
    public String accessToken(String username, String password) {
        // Each sign-in has its own session, as a fresh browser would.
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
        String verifier = random();
        String state = random();
        URI authorize = issuer.resolve("/oauth2/authorize?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        TEST_CLIENT,
                        "scope",
                        "openid profile",
                        "redirect_uri",
                        TEST_REDIRECT,
                        "state",
                        state,
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256")));

        redirect(send(browser, page(authorize)), "asking to authorize");
        Matcher csrf =
                CSRF.matcher(send(browser, page(issuer.resolve("/login"))).body());
        if (!csrf.find()) {
            throw new StackException("the sign-in's login page at " + issuer + "/login has no CSRF token");
        }
        URI afterLogin = redirect(
                send(
                        browser,
                        HttpRequest.newBuilder(issuer.resolve("/login"))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "text/html")
                                .POST(HttpRequest.BodyPublishers.ofString(form(
                                        Map.of("username", username, "password", password, "_csrf", csrf.group(1)))))
                                .build()),
                "signing in");
        if (afterLogin.getPath().equals("/login")) {
            throw new StackException(
                    "the sign-in at " + issuer + " refused " + username + ": wrong username or password");
        }
        Map<String, String> callback =
                query(redirect(send(browser, page(afterLogin)), "authorizing").getRawQuery());
        if (callback.get("code") == null || !state.equals(callback.get("state"))) {
            throw new StackException("the sign-in at " + issuer + " gave no code for " + username + ": " + callback);
        }
        HttpResponse<String> token = send(
                browser,
                HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic(TEST_CLIENT, clientSecret))
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                callback.get("code"),
                                "redirect_uri",
                                TEST_REDIRECT,
                                "code_verifier",
                                verifier))))
                        .build());
        Matcher accessToken = ACCESS_TOKEN.matcher(token.body());
        if (token.statusCode() != 200 || !accessToken.find()) {
            throw new StackException("the sign-in at " + issuer + " gave no token for " + username + ": HTTP "
                    + token.statusCode() + " " + token.body());
        }
        return accessToken.group(1);
    }

    /** A token of the tools client, with its secret from {@value #TOOLS_SECRET_ENV} or the demo one. */
    public String toolsToken() {
        String secret = System.getenv().getOrDefault(TOOLS_SECRET_ENV, DEFAULT_TOOLS_SECRET);
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> token = send(
                client,
                HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic(TOOLS_CLIENT, secret))
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials"))))
                        .build());
        Matcher accessToken = ACCESS_TOKEN.matcher(token.body());
        if (token.statusCode() != 200 || !accessToken.find()) {
            throw new StackException("the sign-in at " + issuer + " gave no token to " + TOOLS_CLIENT + ": HTTP "
                    + token.statusCode() + " " + token.body());
        }
        return accessToken.group(1);
    }

    private static HttpRequest page(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "text/html")
                .GET()
                .build();
    }

    private URI redirect(HttpResponse<String> response, String step) {
        return response.headers()
                .firstValue("Location")
                .filter(location -> response.statusCode() / 100 == 3)
                .map(issuer::resolve)
                .orElseThrow(() -> new StackException("the sign-in at " + issuer + " did not redirect when " + step
                        + ": HTTP " + response.statusCode()));
    }

    private HttpResponse<String> send(HttpClient browser, HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException("the sign-in at " + issuer + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while signing in at " + issuer, e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(
                        pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 7636: 32 random bytes, base64url without padding. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

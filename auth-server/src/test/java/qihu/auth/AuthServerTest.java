package qihu.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sign-in as the services and the web pages use it: discovery, the signing keys, a demo person signed in through
 * the login form (code flow with PKCE) getting a token with their scope, and what is refused.
 */
@SpringBootTest(properties = "QIHU_ISSUER=" + AuthServerTest.ISSUER)
@AutoConfigureMockMvc
class AuthServerTest {

    static final String ISSUER = "https://sign-in.qihu.test";
    private static final String TEST_CLIENT = "qihu-test";
    private static final String TEST_SECRET = "qihu-test-secret";
    private static final String CALLBACK = "http://127.0.0.1/qihu-test/callback";
    private static final String PASSWORD = "qihu-demo";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void publishesItsOpenIdConfigurationUnderTheConfiguredIssuer() throws Exception {
        mvc.perform(get("/.well-known/openid-configuration"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.issuer").value(ISSUER))
                .andExpect(jsonPath("$.jwks_uri").value(ISSUER + "/oauth2/jwks"))
                .andExpect(jsonPath("$.token_endpoint").value(ISSUER + "/oauth2/token"))
                .andExpect(jsonPath("$.authorization_endpoint").value(ISSUER + "/oauth2/authorize"))
                .andExpect(jsonPath("$.code_challenge_methods_supported[0]").value("S256"));
    }

    @Test
    void publishesOnlyThePublicHalfOfItsSigningKey() throws Exception {
        JWKSet keys =
                JWKSet.parse(body(mvc.perform(get("/oauth2/jwks")).andReturn().getResponse()));

        assertThat(keys.getKeys()).singleElement().satisfies(key -> {
            assertThat(key).isInstanceOf(RSAKey.class);
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "yiwu.esc.handler,  李伟, handler,    330782,    330782-esc",
        "choucheng.handler, 赵强, handler,    330782001, 330782001-svc",
        "yiwu.supervisor,   孙敏, supervisor, 330782,",
        "jinhua.leader,     周涛, leader,     330700,",
        "admin,   省平台管理员, admin,      330000,",
    })
    void aDemoPersonSignedInThroughTheFormGetsATokenCarryingTheirScope(
            String username, String name, String role, String region, String department) throws Exception {
        JsonNode tokens = signIn(username, PASSWORD);

        for (String token : List.of("access_token", "id_token")) {
            Jwt jwt = verified(tokens.get(token).asString());
            assertThat(jwt.getSubject()).isEqualTo(username);
            assertThat(jwt.getIssuer()).hasToString(ISSUER);
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly(role);
            assertThat(jwt.getClaimAsString("region")).isEqualTo(region);
            assertThat(jwt.getClaimAsString("department")).isEqualTo(department);
            assertThat(jwt.getClaimAsString("name")).isEqualTo(name);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndGetsNoCode() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Pkce pkce = new Pkce();
        authorize(session, pkce);

        MockHttpServletResponse login = submitLogin(session, "yiwu.esc.handler", "qihu-demo-wrong");

        assertThat(login.getRedirectedUrl()).endsWith("/login?error");
        MockHttpServletResponse again = authorize(session, pkce);
        assertThat(again.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void anUnknownPersonIsRefused() throws Exception {
        MockHttpSession session = new MockHttpSession();
        authorize(session, new Pkce());

        assertThat(submitLogin(session, "nobody", PASSWORD).getRedirectedUrl()).endsWith("/login?error");
    }

    @Test
    void theWebPagesClientMustUsePkce() throws Exception {
        MockHttpSession session = new MockHttpSession();
        authorize(session, new Pkce());
        submitLogin(session, "yiwu.esc.handler", PASSWORD);

        MockHttpServletResponse withoutPkce = authorize(
                session,
                Map.of(
                        "client_id", "qihu-web",
                        "scope", "openid",
                        "redirect_uri", "http://127.0.0.1:18083/app/login/callback"));

        assertThat(withoutPkce.getRedirectedUrl())
                .startsWith("http://127.0.0.1:18083/app/login/callback?error=invalid_request");
    }

    @Test
    void theWebPagesMayExchangeTheirCodeFromTheBrowserButNoOtherOriginMay() throws Exception {
        // A form POST is a "simple" cross-origin request: no preflight, the answer is readable only with CORS headers.
        for (String page : List.of("http://127.0.0.1:18083", "http://127.0.0.1:18084")) {
            mvc.perform(webPagesTokenRequest(page))
                    .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, page));
        }
        mvc.perform(webPagesTokenRequest("https://elsewhere.example"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    /** What a page's script sends: its code (here an unknown one), the verifier, the public client's id. */
    private static MockHttpServletRequestBuilder webPagesTokenRequest(String origin) throws Exception {
        return post("/oauth2/token")
                .header(HttpHeaders.ORIGIN, origin)
                .param("grant_type", "authorization_code")
                .param("code", "unknown-code")
                .param("client_id", "qihu-web")
                .param("redirect_uri", origin + "/app/login/callback")
                .param("code_verifier", new Pkce().verifier);
    }

    @Test
    void theToolsClientGetsItsOwnTokenWithTheConfiguredRoles() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/oauth2/token")
                        .with(httpBasic("qihu-tools", "qihu-tools-secret"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();

        Jwt jwt = verified(json.readTree(body(response)).get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("qihu-tools");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(jwt.hasClaim("department")).isFalse();
    }

    @Test
    void aClientWithTheWrongSecretGetsNoToken() throws Exception {
        mvc.perform(post("/oauth2/token")
                        .with(httpBasic("qihu-tools", "guessed"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("invalid_client"));
    }

    @Test
    void healthIsOpenForTheLauncher() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    /** The code flow with PKCE as a browser runs it: authorize, the login form, authorize again, the token. */
    private JsonNode signIn(String username, String password) throws Exception {
        MockHttpSession session = new MockHttpSession();
        Pkce pkce = new Pkce();
        assertThat(authorize(session, pkce).getRedirectedUrl()).endsWith("/login");
        MockHttpServletResponse login = submitLogin(session, username, password);
        MockHttpServletResponse authorized = mvc.perform(get(URI.create(login.getRedirectedUrl()))
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse();
        Map<String, String> callback = UriComponentsBuilder.fromUriString(authorized.getRedirectedUrl())
                .build()
                .getQueryParams()
                .toSingleValueMap();
        assertThat(authorized.getRedirectedUrl()).startsWith(CALLBACK);
        assertThat(callback).containsEntry("state", pkce.state);
        MockHttpServletResponse token = mvc.perform(post("/oauth2/token")
                        .with(httpBasic(TEST_CLIENT, TEST_SECRET))
                        .param("grant_type", "authorization_code")
                        .param("code", callback.get("code"))
                        .param("redirect_uri", CALLBACK)
                        .param("code_verifier", pkce.verifier))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        return json.readTree(body(token));
    }

    private MockHttpServletResponse authorize(MockHttpSession session, Pkce pkce) throws Exception {
        return authorize(
                session,
                Map.of(
                        "client_id",
                        TEST_CLIENT,
                        "scope",
                        "openid profile",
                        "redirect_uri",
                        CALLBACK,
                        "state",
                        pkce.state,
                        "code_challenge",
                        pkce.challenge,
                        "code_challenge_method",
                        "S256"));
    }

    /** The authorization endpoint reads its parameters from the query string only, as a browser sends them. */
    private MockHttpServletResponse authorize(MockHttpSession session, Map<String, String> parameters)
            throws Exception {
        UriComponentsBuilder uri =
                UriComponentsBuilder.fromPath("/oauth2/authorize").queryParam("response_type", "code");
        parameters.forEach(uri::queryParam);
        return mvc.perform(get(uri.encode().build().toUri()).session(session).accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse();
    }

    /** Reads the login form for its CSRF token and submits it, as a browser does. */
    private MockHttpServletResponse submitLogin(MockHttpSession session, String username, String password)
            throws Exception {
        String form =
                body(mvc.perform(get("/login").session(session)).andReturn().getResponse());
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).as("the login form has a CSRF token").isTrue();
        return mvc.perform(post("/login")
                        .session(session)
                        .header(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE)
                        .param("username", username)
                        .param("password", password)
                        .param("_csrf", csrf.group(1)))
                .andReturn()
                .getResponse();
    }

    /** Checks the signature against the published key, and the issuer and lifetime, as a service does. */
    private Jwt verified(String token) throws Exception {
        JWKSet keys =
                JWKSet.parse(body(mvc.perform(get("/oauth2/jwks")).andReturn().getResponse()));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(
                        keys.getKeys().get(0).toRSAKey().toRSAPublicKey())
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder.decode(token);
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** RFC 7636: a random verifier and its S256 challenge. */
    private static final class Pkce {
        final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        final String state = UUID.randomUUID().toString();
        final String challenge;

        Pkce() throws Exception {
            challenge = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}

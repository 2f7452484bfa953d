package qihu.dispatch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.dispatch.TestIssuer.BadToken;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * Tokens checked as configured for real ({@code QIHU_ISSUER}, {@code QIHU_JWK_SET_URI} in application.yml): the keys
 * fetched from a JWK set URI, the issuer checked, and a sign-in whose keys cannot be fetched answered with a 503.
 */
@QihuServiceTest
@Import(WorkingWeekClock.class)
@TestPropertySource(properties = {TestIssuerConfiguration.SIGN_IN + "=jwk-set", "QIHU_ISSUER=" + TestIssuer.ISSUER})
class SignInConfigurationTest extends ServiceTestSupport {

    private static final AtomicBoolean KEYS_AVAILABLE = new AtomicBoolean(true);
    private static final HttpServer SIGN_IN = jwkSetServer();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void jwkSetUri(DynamicPropertyRegistry registry) {
        registry.add(
                "QIHU_JWK_SET_URI",
                () -> "http://127.0.0.1:" + SIGN_IN.getAddress().getPort() + "/oauth2/jwks");
    }

    @AfterEach
    void keysBack() {
        KEYS_AVAILABLE.set(true);
    }

    @AfterAll
    static void stopSignIn() {
        SIGN_IN.stop(0);
    }

    @Test
    void aTokenOfTheConfiguredIssuerIsCheckedAgainstItsPublishedKeys() {
        listTasks(TestIssuer.bearer(People.YIWU_SUPERVISOR)).expectStatus().isOk();
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        isProblem(listTasks(BadToken.OF_ANOTHER_ISSUER.bearer(People.YIWU_SUPERVISOR)), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aKeyTheSignInDoesNotPublishIsRefused() {
        isProblem(listTasks(BadToken.SIGNED_WITH_ANOTHER_KEY.bearer(People.YIWU_SUPERVISOR)), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void whenTheSignInsKeysCannotBeFetchedTheAnswerIsServiceUnavailable() {
        KEYS_AVAILABLE.set(false);

        // A key id the service has not seen makes it fetch the keys again.
        WebTestClient.ResponseSpec response =
                listTasks(BadToken.SIGNED_WITH_ANOTHER_KEY.bearer(People.YIWU_SUPERVISOR));

        response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
        isProblem(response, HttpStatus.SERVICE_UNAVAILABLE)
                .jsonPath("$.detail")
                .isEqualTo("The access token cannot be checked now: the sign-in's keys are unavailable. Retry later.");
    }

    private WebTestClient.ResponseSpec listTasks(String authorization) {
        return http.get()
                .uri("/api/v1/tasks")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange();
    }

    /** The sign-in's key endpoint, answering 503 while {@link #KEYS_AVAILABLE} is false. */
    private static HttpServer jwkSetServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                byte[] body = TestIssuer.jwkSet().getBytes(StandardCharsets.UTF_8);
                if (!KEYS_AVAILABLE.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

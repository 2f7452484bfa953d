package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * The handlers' web app is served without a token (the page signs the person in), tells the page where to sign in,
 * and opens nothing else: the API it calls still wants the token. Same configuration as {@link TaskDispatchTest}.
 */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class HandlersAppTest extends ServiceTestSupport {

    @Autowired
    WebTestClient http;

    @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}")
    String issuer;

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/app", "/app/", "/app/login/callback"})
    void theAppIsOnePageAtItsAddressAndAtTheSignInsReturnAddress(String path) {
        String page = http.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("/qihu-web/signin.js", "/app/app.js");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/app/app.js", "/app/app.css", "/qihu-web/signin.js", "/qihu-web/base.css"})
    void itsScriptsAndStylesNeedNoToken(String path) {
        http.get().uri(path).exchange().expectStatus().isOk();
    }

    @Test
    void thePageLearnsWhereToSignInFromTheServiceConfiguration() {
        http.get()
                .uri("/app/config.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.issuer")
                .isEqualTo(issuer)
                .jsonPath("$.clientId")
                .isEqualTo("qihu-web")
                .jsonPath("$.authorizationEndpoint")
                .isEqualTo(issuer + "/oauth2/authorize")
                .jsonPath("$.tokenEndpoint")
                .isEqualTo(issuer + "/oauth2/token")
                .jsonPath("$.callbackPath")
                .isEqualTo("/app/login/callback");
    }

    @Test
    void theApiBehindThePagesStillWantsAToken() {
        http.get().uri("/api/v1/tasks").exchange().expectStatus().isUnauthorized();
        // A path through the pages' open folder does not open the API either: refused as a malformed path.
        http.get().uri("/app/../api/v1/tasks").exchange().expectStatus().isBadRequest();
    }
}

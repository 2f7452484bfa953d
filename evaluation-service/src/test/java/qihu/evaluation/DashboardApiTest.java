package qihu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;
import static qihu.evaluation.CaseBuilder.aCase;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.evaluation.dashboard.DashboardFeed;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's API: signed in, for leaders, supervisors and admins, scoped to their region and below, and live: a
 * case event recorded while the stream is open reaches it as a fresh snapshot. The rest of the service still takes no
 * token. Same configuration as {@link KpiApiTest}, so the two share one application context.
 */
@QihuServiceTest
@TestPropertySource(properties = "qihu.evaluation.poll-interval=1h")
class DashboardApiTest extends ServiceTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Autowired
    DashboardFeed feed;

    /** Bound to the service's handlers, so that a test can stand for a signed-in person ({@link #person}). */
    WebTestClient http;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        // The live read models hold what the shared context recorded before: fold them afresh from the empty log.
        feed.rebuild().block(Duration.ofSeconds(30));
        http = WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void withoutATokenTheAnswerIsAProblemWithABearerChallenge() {
        http.get()
                .uri("/api/v1/dashboard")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("Sign in"));
    }

    @Test
    void aHandlerMayNotSeeIt() {
        http.mutateWith(person("handler", "330782"))
                .get()
                .uri("/api/v1/dashboard")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("leaders"));
    }

    @Test
    void aLeaderSeesTheirRegionAndBelowAndNotTheSiblingCounty() {
        CaseBuilder yiwu = aCase("dashboard-yiwu");
        publish(yiwu.opened());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> handling(person("leader", "330700")).isEqualTo(1));

        handling(person("supervisor", "330782")).isEqualTo(1);
        handling(person("supervisor", "330783")).isEqualTo(0);
        handling(person("admin", "330000")).isEqualTo(1);
        // The service's other endpoints take no token, as before.
        http.get().uri("/api/v1/stats").exchange().expectStatus().isOk();
    }

    @Test
    void anOpenStreamReceivesAFreshSnapshotWhenACaseEventArrives() {
        Flux<ServerSentEvent<String>> stream = http.mutateWith(person("leader", "330700"))
                .get()
                .uri("/api/v1/dashboard/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody()
                .filter(event -> "snapshot".equals(event.event()));

        StepVerifier.create(stream.map(event -> handlingIn(event.data())))
                .expectNext(0L)
                .then(() -> publish(aCase("dashboard-live").opened()))
                .expectNextMatches(count -> count == 1L)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    private org.assertj.core.api.AbstractLongAssert<?> handling(
            org.springframework.test.web.reactive.server.WebTestClientConfigurer who) {
        String body = http.mutateWith(who)
                .get()
                .uri("/api/v1/dashboard")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return assertThat(handlingIn(body));
    }

    private static long handlingIn(String snapshot) {
        JsonNode colours = JSON.readTree(snapshot).get("openByColour");
        long sum = 0;
        for (String colour : List.of("GREEN", "YELLOW", "RED")) {
            sum += colours.get(colour).asLong();
        }
        return sum;
    }

    /** A signed-in person as the sign-in describes them in the token. */
    private static org.springframework.test.web.reactive.server.WebTestClientConfigurer person(
            String role, String region) {
        return mockJwt()
                .jwt(token -> token.subject(role + "-" + region)
                        .claim("roles", List.of(role))
                        .claim("region", region));
    }
}

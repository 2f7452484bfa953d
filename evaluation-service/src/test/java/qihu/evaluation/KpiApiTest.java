package qihu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.evaluation.CaseBuilder.aCase;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.evaluation.feedback.CaseState;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.evaluation.kpi.LiveKpis;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** The KPI API over the event log that the consumer keeps: JSON, CSV, and problems for bad queries. */
@QihuServiceTest
@TestPropertySource(properties = {"qihu.evaluation.poll-interval=1h", "qihu.evaluation.feedback.link-validity=3650d"})
class KpiApiTest extends ServiceTestSupport {

    private static final String NOVEMBER = "/api/v1/kpis?from=2026-11-01&to=2026-11-30";

    @Autowired
    WebTestClient http;

    @Autowired
    LiveKpis liveKpis;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        liveKpis.rebuild().block(Duration.ofSeconds(30));
    }

    @Test
    void figuresComeFromTheEventsAsTheyArriveAndAreOfferedAsJsonAndCsv() {
        CaseBuilder aCase = aCase("kpi");
        publish(aCase.opened(), aCase.merged("req-kpi-dup", "zheliban"), aCase.resolved(1));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> mongo.findById(aCase.caseId(), EvaluatedCase.class)
                                .block(),
                        c -> Objects.nonNull(c) && c.state() == CaseState.AWAITING_FEEDBACK);
        http.post()
                .uri(
                        "/api/v1/cases/{id}/feedback?token={token}",
                        aCase.caseId(),
                        CaseBuilder.storedToken(mongo, aCase.caseId()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rating", "SATISFIED"))
                .exchange()
                .expectStatus()
                .isOk();
        // The rating's own events come back through the lifecycle topic into the log.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> http.get()
                        .uri(NOVEMBER)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].ratings")
                        .isEqualTo(1));

        http.get()
                .uri(NOVEMBER + "&by=channel")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].key")
                .isEqualTo("hotline-12345")
                .jsonPath("$[0].cases")
                .isEqualTo(1)
                .jsonPath("$[0].received")
                .isEqualTo(2)
                .jsonPath("$[0].mergedDuplicates")
                .isEqualTo(1)
                .jsonPath("$[0].satisfactionRate")
                .isEqualTo(1.0);

        String csv = http.get()
                .uri(NOVEMBER + "&by=region&format=csv")
                .exchange()
                .expectHeader()
                .contentTypeCompatibleWith("text/csv")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("key,received,mergedDuplicates,cases,");
        assertThat(csv.lines()).anySatisfy(line -> assertThat(line).startsWith("330782,2,1,1,"));

        // The same figures from the live read model and, for a moment before the rating, folded from the log.
        http.get()
                .uri(NOVEMBER + "&region=330782")
                .exchange()
                .expectBody()
                .jsonPath("$[0].cases")
                .isEqualTo(1)
                .jsonPath("$[0].ratings")
                .isEqualTo(1);
        http.get()
                .uri(NOVEMBER + "&region=330782&asOf=2026-11-21T16:00:00Z")
                .exchange()
                .expectBody()
                .jsonPath("$[0].cases")
                .isEqualTo(1)
                .jsonPath("$[0].ratings")
                .isEqualTo(0);
        http.get()
                .uri(NOVEMBER + "&region=330703")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
    }

    @Test
    void aBadQueryIsAProblemNamingEachParameter() {
        isProblem(http.get().uri("/api/v1/kpis?to=2026-11-30&by=planet").exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains("from", "by"));
        isProblem(http.get().uri(NOVEMBER + "&asOf=yesterday").exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("asOf");
        isProblem(http.get().uri(NOVEMBER + "&region=jinhua").exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("region");
    }

    @Test
    void rankingsSayWhatIsWrongWithTheQuery() {
        isProblem(
                        http.get()
                                .uri("/api/v1/kpis/rankings?from=2026-11-01&to=2026-11-30&metric=happiness&minSample=0")
                                .exchange(),
                        HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains("metric", "minSample"));
        http.get()
                .uri("/api/v1/kpis/rankings?from=2026-11-01&to=2026-11-30&by=department&metric=satisfaction")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.metric")
                .isEqualTo("satisfaction")
                .jsonPath("$.minSample")
                .isEqualTo(10);
    }
}

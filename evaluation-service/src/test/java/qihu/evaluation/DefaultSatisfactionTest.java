package qihu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.evaluation.CaseBuilder.aCase;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.evaluation.feedback.CaseState;
import qihu.evaluation.feedback.DefaultSatisfaction;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.events.CaseClosed;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.Topics;
import qihu.support.testing.MovableClock;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** No rating within the window (5 working days) → closed as default satisfied, counted apart from real ratings. */
@QihuServiceTest
@Import(MovableClock.class)
@TestPropertySource(properties = "qihu.evaluation.poll-interval=1h")
class DefaultSatisfactionTest extends ServiceTestSupport {

    @Autowired
    WebTestClient http;

    @Autowired
    DefaultSatisfaction defaults;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        clock.set("2026-11-21T10:00:00+08:00");
    }

    @Test
    void anUnratedAnswerClosesAsDefaultSatisfiedAfterFiveWorkingDays() {
        // Answered Saturday 21 November: the window ends with Friday the 27th, the 5th working day after.
        CaseBuilder aCase = awaitingRating("unrated");
        assertThat(stored(aCase).ratingDueAt())
                .isEqualTo(OffsetDateTime.parse("2026-11-27T23:59:59+08:00").toInstant());

        clock.set("2026-11-27T23:59:00+08:00");
        assertThat(defaults.closeUnrated().block()).isZero();

        clock.set("2026-11-28T00:00:00+08:00");
        assertThat(defaults.closeUnrated().block()).isEqualTo(1);
        assertThat(defaults.closeUnrated().block()).isZero();

        EvaluatedCase closed = stored(aCase);
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.DEFAULT_SATISFIED);
        assertThat(closed.ratings()).isNullOrEmpty();
        // At least once: the outbox may publish an event twice; a copy carries the same event id.
        List<EventEnvelope<?>> closes = eventsOn(Topics.CASE_LIFECYCLE, Duration.ofSeconds(3)).stream()
                .filter(e -> e.key().equals(aCase.caseId()) && e.payload() instanceof CaseClosed)
                .toList();
        assertThat(closes.stream().map(EventEnvelope::eventId).distinct()).hasSize(1);
        assertThat(((CaseClosed) closes.get(0).payload()).reason()).isEqualTo(CloseReason.DEFAULT_SATISFIED);
        assertThat(((CaseClosed) closes.get(0).payload()).rating()).isNull();

        http.get()
                .uri("/api/v1/stats")
                .exchange()
                .expectBody()
                .jsonPath("$.closedByDefault")
                .isEqualTo(1)
                .jsonPath("$.ratings")
                .isEmpty();
        isProblem(
                        http.post()
                                .uri(
                                        "/api/v1/cases/{id}/feedback?token={token}",
                                        aCase.caseId(),
                                        CaseBuilder.storedToken(mongo, aCase.caseId()))
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("rating", "UNSATISFIED"))
                                .exchange(),
                        // The link lived as long as the window: a late rating is refused as expired, the close stands.
                        HttpStatus.FORBIDDEN)
                .jsonPath("$.errors[0].field")
                .isEqualTo("token");
        assertThat(stored(aCase).closeReason()).isEqualTo(CloseReason.DEFAULT_SATISFIED);
        assertThat(stored(aCase).ratings()).isNullOrEmpty();
    }

    @Test
    void aRatingWithinTheWindowWins() {
        CaseBuilder aCase = awaitingRating("rated-in-time");
        http.post()
                .uri(
                        "/api/v1/cases/{id}/feedback?token={token}",
                        aCase.caseId(),
                        CaseBuilder.storedToken(mongo, aCase.caseId()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rating", "BASICALLY_SATISFIED"))
                .exchange()
                .expectStatus()
                .isOk();

        clock.set("2026-12-31T00:00:00+08:00");
        assertThat(defaults.closeUnrated().block()).isZero();
        assertThat(stored(aCase).closeReason()).isEqualTo(CloseReason.RATED);
    }

    private CaseBuilder awaitingRating(String label) {
        CaseBuilder aCase = aCase(label);
        publish(aCase.opened(), aCase.resolved(1));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> mongo.findById(aCase.caseId(), EvaluatedCase.class)
                                .block(),
                        c -> Objects.nonNull(c) && c.state() == CaseState.AWAITING_FEEDBACK);
        return aCase;
    }

    private EvaluatedCase stored(CaseBuilder aCase) {
        return mongo.findById(aCase.caseId(), EvaluatedCase.class).block();
    }
}

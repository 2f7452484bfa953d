package qihu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static qihu.evaluation.CaseBuilder.aCase;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.evaluation.feedback.CaseState;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.evaluation.feedback.FeedbackController.EvaluatedCaseView;
import qihu.evaluation.feedback.RatingLinks;
import qihu.evaluation.stats.StatsController.Counts;
import qihu.events.CaseClosed;
import qihu.events.CaseReopened;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.FeedbackRecorded;
import qihu.events.FeedbackRequested;
import qihu.events.Rating;
import qihu.events.Topics;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** Evaluation driven through its input topics and its feedback API; the outcome is read from its store and topic. */
@QihuServiceTest
// Real time runs here: the default-satisfaction poller must not close these cases while the tests run.
// The sample answers lie in November 2026: their links must outlive the day the tests run.
@TestPropertySource(properties = {"qihu.evaluation.poll-interval=1h", "qihu.evaluation.feedback.link-validity=3650d"})
class EvaluationServiceTest extends ServiceTestSupport {

    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final String COMMENT = "验收意见书仍未收到";
    /** application.yml's local-stack key. */
    private static final String SECRET = "local-stack-only-rating-link-secret-0001";

    @Autowired
    WebTestClient http;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @ParameterizedTest
    @EnumSource(names = {"SATISFIED", "BASICALLY_SATISFIED"})
    void aSatisfiedRatingClosesTheCase(Rating rating) {
        CaseBuilder c = resolvedCase("satisfied");

        EvaluatedCaseView answer = rate(c.caseId(), feedback(rating.name(), "办理及时，感谢", "hotline-12345"))
                .expectStatus()
                .isOk()
                .expectBody(EvaluatedCaseView.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer.state()).isEqualTo(CaseState.CLOSED);
        assertThat(answer.ratings())
                .extracting(EvaluatedCase.RatingEntry::round, EvaluatedCase.RatingEntry::rating)
                .containsExactly(tuple(1, rating));
        EvaluatedCase stored = stored(c.caseId());
        assertThat(stored.state()).isEqualTo(CaseState.CLOSED);
        assertThat(stored.closeReason()).isEqualTo(CloseReason.RATED);
        assertThat(stored.closedAt()).isNotNull();

        List<EventEnvelope<?>> events = eventsOfCase(c.caseId());
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("feedback.recorded", "case.closed");
        assertThat(events)
                .extracting(EventEnvelope::eventId)
                .containsExactly(
                        EventIds.of(EventType.FEEDBACK_RECORDED, c.caseId(), 1),
                        EventIds.of(EventType.CASE_CLOSED, c.caseId(), 1));
        assertThat(events).extracting(EventEnvelope::correlationId).containsOnly(c.correlationId());
        FeedbackRecorded recorded = (FeedbackRecorded) events.get(0).payload();
        assertThat(recorded.round()).isEqualTo(1);
        assertThat(recorded.rating()).isEqualTo(rating);
        assertThat(recorded.comment()).isEqualTo("办理及时，感谢");
        assertThat(recorded.channel()).isEqualTo("hotline-12345");
        CaseClosed closed = (CaseClosed) events.get(1).payload();
        assertThat(closed.round()).isEqualTo(1);
        assertThat(closed.reason()).isEqualTo(CloseReason.RATED);
        assertThat(closed.rating()).isEqualTo(rating);
        // The store keeps milliseconds.
        assertThat(closed.closedAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(stored.closedAt());
    }

    @Test
    void aSecondRatingOfTheSameRoundIsAConflictAndChangesNothing() {
        CaseBuilder c = resolvedCase("rated-twice");
        rate(c.caseId(), feedback("SATISFIED", null, null)).expectStatus().isOk();

        isProblem(rate(c.caseId(), feedback("UNSATISFIED", COMMENT, null)), HttpStatus.CONFLICT);

        EvaluatedCase stored = stored(c.caseId());
        assertThat(stored.state()).isEqualTo(CaseState.CLOSED);
        assertThat(stored.round()).isEqualTo(1);
        assertThat(stored.ratings())
                .extracting(EvaluatedCase.RatingEntry::rating)
                .containsExactly(Rating.SATISFIED);
        assertThat(eventsOfCase(c.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("feedback.recorded", "case.closed");
    }

    @Test
    void anUnsatisfiedRatingReopensTheCaseForAnotherRoundToTheSameOwner() {
        CaseBuilder c = resolvedCase("unsatisfied");

        EvaluatedCaseView answer = rate(c.caseId(), feedback("UNSATISFIED", COMMENT, "zheliban"))
                .expectStatus()
                .isOk()
                .expectBody(EvaluatedCaseView.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer.state()).isEqualTo(CaseState.REOPENED);
        assertThat(answer.round()).isEqualTo(2);
        assertThat(answer.reopenCount()).isEqualTo(1);
        // Round 2 has no result yet: nothing to rate.
        isProblem(rate(c.caseId(), feedback("SATISFIED", null, null)), HttpStatus.CONFLICT);

        List<EventEnvelope<?>> events = eventsOfCase(c.caseId());
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("feedback.recorded", "case.reopened");
        assertThat(events.get(1).eventId()).isEqualTo(EventIds.of(EventType.CASE_REOPENED, c.caseId(), 2));
        assertThat(((FeedbackRecorded) events.get(0).payload()).rating()).isEqualTo(Rating.UNSATISFIED);
        CaseReopened reopened = (CaseReopened) events.get(1).payload();
        assertThat(reopened.round()).isEqualTo(2);
        assertThat(reopened.reason()).isEqualTo(COMMENT);
        assertThat(reopened.escalate()).isFalse();
    }

    @Test
    void theThirdReopenGoesOneLevelUp() {
        CaseBuilder c = aCase("reopened-thrice");
        publish(c.opened());

        for (int round = 1; round <= 3; round++) {
            awaitRatingOf(c, round);
            rate(c.caseId(), feedback("UNSATISFIED", COMMENT + "（第" + round + "轮）", null))
                    .expectStatus()
                    .isOk();
        }

        EvaluatedCase stored = stored(c.caseId());
        assertThat(stored.round()).isEqualTo(4);
        assertThat(stored.reopenCount()).isEqualTo(3);
        assertThat(eventsOfCase(c.caseId()).stream()
                        .filter(e -> e.payload() instanceof CaseReopened)
                        .map(e -> (CaseReopened) e.payload())
                        .toList())
                .extracting(CaseReopened::round, CaseReopened::escalate)
                .containsExactly(tuple(2, false), tuple(3, false), tuple(4, true));
    }

    @Test
    void theAnswerAsksForARatingOnceBySignedLink() {
        CaseBuilder c = resolvedCase("asked");
        publish(c.resolved(1));

        List<FeedbackRequested> asked = eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(c.caseId()) && e.payload() instanceof FeedbackRequested)
                .map(e -> (FeedbackRequested) e.payload())
                .toList();
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.round()).isEqualTo(1);
            assertThat(request.ratingLink())
                    .startsWith("http://localhost:18084/api/v1/cases/" + c.caseId() + "/feedback?token=")
                    .endsWith(request.token());
            assertThat(request.expiresAt())
                    .isEqualTo(Instant.parse("2026-11-21T01:30:00Z").plus(Duration.ofDays(3650)));
        });
        assertThat(stored(c.caseId()).ratingLink()).isEqualTo(asked.get(0).ratingLink());
    }

    static List<Arguments> refusedLinks() {
        RatingLinks ours = new RatingLinks(SECRET.getBytes(StandardCharsets.UTF_8));
        RatingLinks theirs = new RatingLinks("somebody-elses-secret-of-32-chars!".getBytes(StandardCharsets.UTF_8));
        Instant later = Instant.now().plus(Duration.ofDays(3));
        return List.of(
                Arguments.of("no link at all", (Function<String, String>) id -> null, HttpStatus.UNAUTHORIZED),
                Arguments.of(
                        "a link signed with another key",
                        (Function<String, String>) id -> theirs.sign(id, 1, later),
                        HttpStatus.FORBIDDEN),
                Arguments.of(
                        "a link whose round was altered",
                        (Function<String, String>) id -> {
                            String genuine = ours.sign(id, 1, later);
                            String altered = ours.sign(id, 2, later);
                            return altered.substring(0, altered.indexOf('.')) + genuine.substring(genuine.indexOf('.'));
                        },
                        HttpStatus.FORBIDDEN),
                Arguments.of("garbage", (Function<String, String>) id -> "not.a-token", HttpStatus.FORBIDDEN),
                Arguments.of(
                        "another case's link",
                        (Function<String, String>) id -> ours.sign("case-of-someone-else", 1, later),
                        HttpStatus.FORBIDDEN),
                Arguments.of(
                        "an expired link",
                        (Function<String, String>)
                                id -> ours.sign(id, 1, Instant.now().minusSeconds(1)),
                        HttpStatus.FORBIDDEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedLinks")
    void aRatingWithoutAValidLinkIsRefusedAndChangesNothing(
            String why, Function<String, String> tokenFor, HttpStatus status) {
        CaseBuilder c = resolvedCase("refused-link");

        isProblem(rateWithToken(c.caseId(), tokenFor.apply(c.caseId()), feedback("UNSATISFIED", COMMENT, null)), status)
                .jsonPath("$.errors[0].field")
                .isEqualTo("token");

        EvaluatedCase stored = stored(c.caseId());
        assertThat(stored.state()).isEqualTo(CaseState.AWAITING_FEEDBACK);
        assertThat(stored.round()).isEqualTo(1);
        assertThat(stored.ratings()).isNullOrEmpty();
        assertThat(stored.outbox()).isNullOrEmpty();
        assertThat(eventsOfCase(c.caseId())).isEmpty();
    }

    @Test
    void theFirstRoundsLinkCannotRateTheSecondRound() {
        CaseBuilder c = resolvedCase("old-link");
        String firstLink = stored(c.caseId()).ratingLink();
        rate(c.caseId(), feedback("UNSATISFIED", COMMENT, null)).expectStatus().isOk();
        awaitRatingOf(c, 2);

        isProblem(
                rateWithToken(c.caseId(), CaseBuilder.tokenOf(firstLink), feedback("SATISFIED", null, null)),
                HttpStatus.CONFLICT);

        assertThat(stored(c.caseId()).state()).isEqualTo(CaseState.AWAITING_FEEDBACK);
        assertThat(stored(c.caseId()).ratings()).hasSize(1);
    }

    @Test
    void anUnknownCaseIsNotFound() {
        String signed = new RatingLinks(SECRET.getBytes(StandardCharsets.UTF_8))
                .sign("case-never-opened", 1, Instant.now().plusSeconds(3600));
        isProblem(rateWithToken("case-never-opened", signed, feedback("SATISFIED", null, null)), HttpStatus.NOT_FOUND);
        isProblem(http.get().uri("/api/v1/cases/{id}", "case-never-opened").exchange(), HttpStatus.NOT_FOUND);

        assertThat(mongo.findById("case-never-opened", EvaluatedCase.class).block())
                .isNull();
    }

    static List<Arguments> badFeedback() {
        return List.of(
                Arguments.of("no rating", feedback(null, "还行", null), "rating"),
                Arguments.of("a rating that does not exist", feedback("VERY_HAPPY", null, null), "rating"),
                Arguments.of("a rating in lower case", feedback("satisfied", null, null), "rating"),
                Arguments.of("a rating that is not text", Map.of("rating", Map.of("value", "SATISFIED")), "rating"),
                Arguments.of("a comment of 501 characters", feedback("UNSATISFIED", "差".repeat(501), null), "comment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFeedback")
    void badInputIsAProblemNamingTheFieldAndNothingIsStored(String why, Map<String, Object> body, String field) {
        CaseBuilder c = resolvedCase("bad-input");

        isProblem(rate(c.caseId(), body), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field));

        EvaluatedCase stored = stored(c.caseId());
        assertThat(stored.state()).isEqualTo(CaseState.AWAITING_FEEDBACK);
        assertThat(stored.ratings()).isNullOrEmpty();
        assertThat(stored.outbox()).isNullOrEmpty();
    }

    @Test
    void statsCountCasesByStateMergedRequestsAndRatings() {
        CaseBuilder closed = resolvedCase("stats-closed");
        CaseBuilder reopened = resolvedCase("stats-reopened");
        resolvedCase("stats-awaiting");
        CaseBuilder open = aCase("stats-open");
        publish(open.opened(), open.merged("req-stats-merged", "zheliban"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stored(open.caseId()) != null
                        && stored(open.caseId()).caseNumber() != null
                        && stored(open.caseId()).mergedRequestIds() != null);
        rate(closed.caseId(), feedback("SATISFIED", null, null)).expectStatus().isOk();
        rate(reopened.caseId(), feedback("UNSATISFIED", COMMENT, null))
                .expectStatus()
                .isOk();

        Counts counts = http.get()
                .uri("/api/v1/stats")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Counts.class)
                .returnResult()
                .getResponseBody();

        assertThat(counts)
                .isEqualTo(new Counts(4, 1, 1, 1, 1, 1, 0, Map.of(Rating.SATISFIED, 1L, Rating.UNSATISFIED, 1L)));
    }

    /** A case whose first round was answered and awaits the enterprise's rating. */
    private CaseBuilder resolvedCase(String label) {
        CaseBuilder c = aCase(label);
        publish(c.opened());
        awaitRatingOf(c, 1);
        return c;
    }

    /** Publishes the result of a round and waits until evaluation awaits its rating. */
    private void awaitRatingOf(CaseBuilder c, int round) {
        publish(c.resolved(round));
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> stored(c.caseId()),
                        s -> Objects.nonNull(s)
                                && s.caseNumber() != null
                                && s.state() == CaseState.AWAITING_FEEDBACK
                                && s.round() == round
                                // The rating link's event is relayed.
                                && (s.outbox() == null || s.outbox().isEmpty()));
    }

    private EvaluatedCase stored(String caseId) {
        return mongo.findById(caseId, EvaluatedCase.class).block();
    }

    /** A rating through the signed link evaluation sent for the case's current round. */
    private WebTestClient.ResponseSpec rate(String caseId, Map<String, Object> body) {
        EvaluatedCase current = stored(caseId);
        return rateWithToken(caseId, current == null ? null : CaseBuilder.tokenOf(current.ratingLink()), body);
    }

    private WebTestClient.ResponseSpec rateWithToken(String caseId, String token, Map<String, Object> body) {
        return http.post()
                .uri(b -> {
                    b.path("/api/v1/cases/{id}/feedback");
                    if (token != null) {
                        b.queryParam("token", token);
                    }
                    return b.build(caseId);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** The feedback a channel sends; null fields are left out. */
    private static Map<String, Object> feedback(String rating, String comment, String channel) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (rating != null) {
            body.put("rating", rating);
        }
        if (comment != null) {
            body.put("comment", comment);
        }
        if (channel != null) {
            body.put("channel", channel);
        }
        return body;
    }

    /** What evaluation published about the case (the task results this test sent are left out). */
    /** The case's own events, each once: the outbox publishes at least once, and a copy has the same event id. */
    private List<EventEnvelope<?>> eventsOfCase(String caseId) {
        Map<String, EventEnvelope<?>> byId = new LinkedHashMap<>();
        eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(caseId))
                .filter(e -> !e.eventType().equals("task.resolved"))
                .filter(e -> !e.eventType().equals("feedback.requested"))
                .forEach(e -> byId.putIfAbsent(e.eventId(), e));
        return List.copyOf(byId.values());
    }
}

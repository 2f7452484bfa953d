package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.intake.CaseEvents.caseOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.EventEnvelope;
import qihu.intake.progress.CaseProgress;
import qihu.intake.progress.CaseStatus;
import qihu.intake.progress.RequestStatusView;

/**
 * What a channel sees of its request while triage, dispatch and evaluation work on it. Their events come over two
 * topics (qihu.case.triaged and qihu.case.lifecycle), so either may arrive first.
 */
class CaseProgressTest extends IntakeServiceTest {

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    static List<Arguments> histories() {
        Function<CaseEvents, List<EventEnvelope<?>>> assignedAndClaimed = c -> List.of(c.assigned(), c.claimed());
        Function<CaseEvents, List<EventEnvelope<?>>> resolved = c -> List.of(c.assigned(), c.claimed(), c.resolved());
        Function<CaseEvents, List<EventEnvelope<?>>> closed =
                c -> List.of(c.assigned(), c.claimed(), c.resolved(), c.closed());
        return List.of(
                Arguments.of(
                        "case opened, then assigned and claimed", true, assignedAndClaimed, CaseStatus.IN_PROGRESS),
                Arguments.of(
                        "assigned and claimed before the case.opened",
                        false,
                        assignedAndClaimed,
                        CaseStatus.IN_PROGRESS),
                Arguments.of("resolved before the case.opened", false, resolved, CaseStatus.RESOLVED),
                Arguments.of("closed before the case.opened", false, closed, CaseStatus.CLOSED),
                Arguments.of("case opened, then closed", true, closed, CaseStatus.CLOSED));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("histories")
    void theChannelSeesTheLatestStatusWhicheverTopicArrivesFirst(
            String why,
            boolean triageFirst,
            Function<CaseEvents, List<EventEnvelope<?>>> lifecycle,
            CaseStatus expected) {
        String requestId = accept(RequestMother.hotlineRequest("HL-progress-" + System.nanoTime()));
        CaseEvents c = caseOf(requestId);

        if (triageFirst) {
            publish(c.opened());
            awaitStatus(requestId, view -> c.caseNumber().equals(view.caseNumber()));
            publish(lifecycle.apply(c).toArray(EventEnvelope[]::new));
        } else {
            publish(lifecycle.apply(c).toArray(EventEnvelope[]::new));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> progressOf(c.caseId()), p -> p != null && p.status() == expected);
            publish(c.opened());
        }

        RequestStatusView view =
                awaitStatus(requestId, v -> c.caseNumber().equals(v.caseNumber()) && v.status() == expected);
        assertThat(view.caseId()).isEqualTo(c.caseId());
        assertThat(view.departmentName()).isEqualTo(CaseEvents.DEPARTMENT);
        assertThat(view.dueAt()).isEqualTo(CaseEvents.DUE_AT);
        if (expected != CaseStatus.IN_PROGRESS) {
            assertThat(view.reply()).isEqualTo(CaseEvents.REPLY);
        }
        assertThat(progressOf(c.caseId()).status()).isEqualTo(expected);
    }

    @Test
    void theMasterAndAMergedRequestShowTheSameCaseNumberAndTheSameAnswer() {
        String masterId = accept(RequestMother.hotlineRequest("HL-master-" + System.nanoTime()));
        Map<String, Object> duplicate = RequestMother.hotlineRequest("ZLB-dup-" + System.nanoTime());
        duplicate.put("channel", "zheliban");
        String duplicateId = accept(duplicate);
        CaseEvents c = caseOf(masterId);

        publish(c.opened(), c.merged(duplicateId, "zheliban"));

        RequestStatusView master = awaitStatus(masterId, v -> v.caseNumber() != null);
        RequestStatusView merged = awaitStatus(duplicateId, v -> v.caseNumber() != null);
        assertThat(master.caseNumber()).isEqualTo(c.caseNumber());
        assertThat(merged.caseNumber()).isEqualTo(c.caseNumber());
        assertThat(merged.caseId()).isEqualTo(master.caseId()).isEqualTo(c.caseId());
        assertThat(master.status()).isEqualTo(CaseStatus.CASE_OPENED);
        assertThat(merged.status()).isEqualTo(CaseStatus.CASE_OPENED);
        http.get()
                .uri("/api/v1/channels/zheliban/requests/{id}", duplicate.get("channelRequestId"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.caseNumber")
                .isEqualTo(c.caseNumber());
        // The channel re-sending its request is told the case number at once.
        post(duplicate)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.caseNumber")
                .isEqualTo(c.caseNumber())
                .jsonPath("$.replayed")
                .isEqualTo(true);

        publish(c.assigned(), c.claimed(), c.resolved());

        for (String requestId : List.of(masterId, duplicateId)) {
            RequestStatusView answered = awaitStatus(requestId, v -> v.status() == CaseStatus.RESOLVED);
            assertThat(answered.reply()).isEqualTo(CaseEvents.REPLY);
            assertThat(answered.caseNumber()).isEqualTo(c.caseNumber());
        }
    }

    @Test
    void aRequestNotYetTriagedShowsReceivedWithoutACaseNumber() {
        String requestId = accept(RequestMother.hotlineRequest("HL-untriaged-" + System.nanoTime()));
        String otherRequest = accept(RequestMother.hotlineRequest("HL-other-" + System.nanoTime()));

        // Another request's case moves on; this one is not affected.
        CaseEvents other = caseOf(otherRequest);
        publish(other.opened(), other.assigned());
        awaitStatus(otherRequest, v -> v.status() == CaseStatus.ASSIGNED);

        RequestStatusView view = status(requestId);
        assertThat(view.status()).isEqualTo(CaseStatus.RECEIVED);
        assertThat(view.caseId()).isNull();
        assertThat(view.caseNumber()).isNull();
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> request) {
        return client().submit(request);
    }

    private RequestStatusView status(String requestId) {
        return http.get()
                .uri("/api/v1/requests/{id}", requestId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(RequestStatusView.class)
                .returnResult()
                .getResponseBody();
    }

    private RequestStatusView awaitStatus(String requestId, Predicate<RequestStatusView> reached) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> status(requestId), reached);
    }

    private CaseProgress progressOf(String caseId) {
        return mongo.findById(caseId, CaseProgress.class).block();
    }
}

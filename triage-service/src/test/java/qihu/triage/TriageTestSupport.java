package qihu.triage;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.CaseClosed;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.Rating;
import qihu.events.Topics;
import qihu.support.testing.ServiceTestSupport;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.web.CaseController.CaseView;

/** Triage's service tests: its cases from the store and its API, and what it published about them. */
abstract class TriageTestSupport extends ServiceTestSupport {

    /** How long qihu.case.triaged must stay silent before its reading ends. */
    static final Duration QUIET = Duration.ofSeconds(3);

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    WebTestClient http;

    TriageCase awaitCase(String caseId) {
        return await().atMost(PATIENCE).until(() -> storedCase(caseId), Objects::nonNull);
    }

    TriageCase storedCase(String caseId) {
        return mongo.findById(caseId, TriageCase.class).block();
    }

    CaseView getCase(String caseId) {
        return http.get()
                .uri("/api/v1/cases/{id}", caseId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(CaseView.class)
                .returnResult()
                .getResponseBody();
    }

    /** Evaluation closes the case the request opened (rated satisfied); returns once triage knows. */
    void closeCase(RequestBuilder master) {
        Instant closedAt = Instant.parse("2026-11-27T02:00:00Z");
        publish(EventEnvelope.of(
                EventIds.of(EventType.CASE_CLOSED, master.caseId(), 1),
                closedAt,
                master.requestId(),
                new CaseClosed(master.caseId(), 1, CloseReason.RATED, Rating.SATISFIED, closedAt)));
        await().atMost(PATIENCE).until(() -> storedCase(master.caseId()).state() == CaseState.CLOSED);
    }

    /** A person's decision on a case waiting for manual triage. */
    WebTestClient.ResponseSpec decide(String caseId, String json) {
        return http.post()
                .uri("/api/v1/triage-queue/{id}/decision", caseId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    /** What triage published about these cases; in the order published for each case. */
    List<EventEnvelope<?>> eventsOfCases(String... caseIds) {
        Set<String> keys = Set.of(caseIds);
        return eventsOn(Topics.CASE_TRIAGED, QUIET).stream()
                .filter(e -> keys.contains(e.key()))
                .toList();
    }
}

package qihu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.triage.RequestBuilder.aRequest;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import qihu.events.EventEnvelope;
import qihu.support.testing.QihuServiceTest;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;

/**
 * With {@code qihu.triage.manual.hold: false} a case that needs a person is opened at once and only flagged. A context
 * of its own, so a database of its own: the store is one per JVM, and the other context's outbox poller would relay
 * this one's events to its own broker.
 */
@QihuServiceTest
@TestPropertySource(properties = {"qihu.triage.manual.hold=false", "spring.mongodb.database=qihu_triage_hold_off"})
class ManualHoldOffTest extends TriageTestSupport {

    @Test
    void aCaseThatNeedsAPersonIsOpenedAtOnceAndFlagged() {
        dropDatabase();
        RequestBuilder vague = aRequest("hold-off-vague").titled("咨询").saying(TriageQueueTest.VAGUE);

        publish(vague.event());

        TriageCase opened = awaitCase(vague.caseId());
        assertThat(opened.state()).isEqualTo(CaseState.OPEN);
        assertThat(opened.openedAt()).isNotNull();
        assertThat(opened.manualTriage().reasons()).singleElement().asString().startsWith("classifier unsure");
        // This context's first event: its producer and the topic's partitions are made on the way, which can take
        // longer than one quiet window on a busy machine.
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(eventsOfCases(vague.caseId()))
                        .extracting(EventEnvelope::eventType)
                        .containsExactly("case.opened"));
        isProblem(http.get().uri("/api/v1/triage-queue/{id}", vague.caseId()).exchange(), HttpStatus.NOT_FOUND);
    }
}

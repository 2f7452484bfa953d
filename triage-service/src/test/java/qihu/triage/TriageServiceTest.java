package qihu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static qihu.triage.RequestBuilder.HONGDA;
import static qihu.triage.RequestBuilder.KEDA;
import static qihu.triage.RequestBuilder.aRequest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import qihu.events.CaseOpened;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.RequestMerged;
import qihu.events.RequestReceived;
import qihu.support.testing.QihuServiceTest;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.web.CaseController.CaseView;

/** Triage driven through its input topics; its decisions are read from its store, its API and qihu.case.triaged. */
@QihuServiceTest
class TriageServiceTest extends TriageTestSupport {

    private static final String PROBLEM = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    /** The same problem as typed into another channel: half-width punctuation, spaces, a line break. */
    private static final String PROBLEM_RETYPED = "我司新建厂房于一月提交消防验收申请, 至今未收到验收结果,\n影响投产 请协调加快办理!";

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @ParameterizedTest(name = "received {0} → {1}")
    @CsvSource({
        "2026-11-20T09:30:00+08:00, QH20261120-000001",
        // 17:00 UTC is already the next day in Shanghai.
        "2026-11-20T17:00:00Z,      QH20261121-000001",
    })
    void aNewRequestOpensACaseNumberedByItsDayOfReceipt(String receivedAt, String caseNumber) {
        RequestBuilder request = aRequest("new").receivedAt(receivedAt);
        EventEnvelope<RequestReceived> received = request.event();

        publish(received);

        TriageCase stored = awaitCase(request.caseId());
        assertThat(stored.caseNumber()).isEqualTo(caseNumber).matches("QH\\d{8}-\\d{6}");
        CaseView view = getCase(request.caseId());
        assertThat(view.caseNumber()).isEqualTo(caseNumber);
        assertThat(view.state()).isEqualTo(CaseState.OPEN);
        assertThat(view.enterprise()).isEqualTo(HONGDA);
        // classified by the default model (issue 4): a fire-safety acceptance of a new building is a 项目 (PROJECT) case
        assertThat(view.classification().board()).isEqualTo("PROJECT");
        assertThat(view.classification().confidence()).isBetween(0.5, 1.0);
        assertThat(view.requests())
                .extracting(TriageCase.MemberRequest::requestId)
                .containsExactly(request.requestId());

        List<EventEnvelope<?>> events = eventsOfCases(request.caseId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).eventId()).isEqualTo(EventIds.of(EventType.CASE_OPENED, request.caseId()));
        assertThat(events.get(0).correlationId()).isEqualTo(received.correlationId());
        CaseOpened opened = (CaseOpened) events.get(0).payload();
        assertThat(opened.caseNumber()).isEqualTo(caseNumber);
        assertThat(opened.requestId()).isEqualTo(request.requestId());
        assertThat(opened.channel()).isEqualTo("hotline-12345");
        assertThat(opened.enterprise()).isEqualTo(HONGDA);
        assertThat(opened.regionCode()).isEqualTo(received.payload().regionCode());
        assertThat(opened.content()).isEqualTo(received.payload().content());
        assertThat(opened.receivedAt()).isEqualTo(received.payload().receivedAt());
        assertThat(opened.classification()).isEqualTo(view.classification());
    }

    @Test
    void theSameEnterprisesProblemRetypedInAnotherChannelIsMergedIntoItsOpenCase() {
        RequestBuilder first = aRequest("master").via("hotline-12345").saying(PROBLEM);
        RequestBuilder again = aRequest("duplicate").via("zheliban").saying(PROBLEM_RETYPED);

        publish(first.event());
        awaitCase(first.caseId());
        publish(again.event());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> awaitCase(first.caseId()).requests().size() == 2);
        TriageCase master = awaitCase(first.caseId());
        CaseView view = getCase(first.caseId());
        assertThat(view.requests())
                .extracting(TriageCase.MemberRequest::requestId, TriageCase.MemberRequest::channel)
                .containsExactly(tuple(first.requestId(), "hotline-12345"), tuple(again.requestId(), "zheliban"));
        assertThat(storedCase(again.caseId())).isNull();

        List<EventEnvelope<?>> events = eventsOfCases(first.caseId(), again.caseId());
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("case.opened", "request.merged");
        EventEnvelope<?> mergedEvent = events.get(1);
        assertThat(mergedEvent.eventId()).isEqualTo(EventIds.of(EventType.REQUEST_MERGED, again.requestId()));
        assertThat(mergedEvent.correlationId()).isEqualTo(again.requestId());
        assertThat(mergedEvent.key()).isEqualTo(first.caseId());
        RequestMerged merged = (RequestMerged) mergedEvent.payload();
        assertThat(merged.caseId()).isEqualTo(first.caseId());
        assertThat(merged.caseNumber()).isEqualTo(master.caseNumber());
        assertThat(merged.requestId()).isEqualTo(again.requestId());
        assertThat(merged.channel()).isEqualTo("zheliban");
        assertThat(merged.score()).isEqualTo(1.0);
        assertThat(merged.reason()).contains("same enterprise");
    }

    @Test
    void anotherEnterpriseWithTheSameTextGetsItsOwnCase() {
        RequestBuilder hongda = aRequest("hongda").from(HONGDA).saying(PROBLEM);
        RequestBuilder keda = aRequest("keda").from(KEDA).saying(PROBLEM);

        publish(hongda.event(), keda.event());

        TriageCase hongdaCase = awaitCase(hongda.caseId());
        TriageCase kedaCase = awaitCase(keda.caseId());
        assertThat(Set.of(hongdaCase.caseNumber(), kedaCase.caseNumber()))
                .containsExactlyInAnyOrder("QH20261120-000001", "QH20261120-000002");
        assertThat(kedaCase.enterprise()).isEqualTo(KEDA);
        assertThat(hongdaCase.requests()).hasSize(1);
        assertThat(kedaCase.requests()).hasSize(1);
        assertThat(eventsOfCases(hongda.caseId(), keda.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("case.opened", "case.opened");
    }

    @Test
    void anEnterpriseKnownOnlyByNameIsNeverMergedAndWaitsForAPerson() {
        Enterprise unidentified = new Enterprise(null, "义乌市某小商品店");
        RequestBuilder first = aRequest("by-name-1").from(unidentified).saying(PROBLEM);
        RequestBuilder second = aRequest("by-name-2").from(unidentified).saying(PROBLEM);

        publish(first.event(), second.event());

        for (TriageCase held : List.of(awaitCase(first.caseId()), awaitCase(second.caseId()))) {
            assertThat(held.state()).isEqualTo(CaseState.AWAITING_TRIAGE);
            assertThat(held.requests()).hasSize(1);
            assertThat(held.manualTriage().reasons())
                    .contains("enterprise not identified: no credit code, known by name only (义乌市某小商品店)");
        }
        assertThat(eventsOfCases(first.caseId(), second.caseId())).isEmpty();
    }

    @Test
    void onceTheCaseIsClosedTheSameProblemOpensANewCase() {
        RequestBuilder first = aRequest("closed-master").saying(PROBLEM);
        RequestBuilder later = aRequest("after-close").via("qiyema").saying(PROBLEM_RETYPED);
        publish(first.event());
        awaitCase(first.caseId());

        closeCase(first);
        publish(later.event());

        TriageCase newCase = awaitCase(later.caseId());
        assertThat(newCase.state()).isEqualTo(CaseState.OPEN);
        assertThat(newCase.caseNumber()).isNotEqualTo(awaitCase(first.caseId()).caseNumber());
        assertThat(awaitCase(first.caseId()).requests()).hasSize(1);
        assertThat(eventsOfCases(first.caseId(), later.caseId()))
                .extracting(EventEnvelope::eventType, EventEnvelope::key)
                .containsExactlyInAnyOrder(tuple("case.opened", first.caseId()), tuple("case.opened", later.caseId()));
        assertThat(getCase(first.caseId()).state()).isEqualTo(CaseState.CLOSED);
    }

    @Test
    void aRedeliveredRequestOpensNoSecondCaseAndPublishesNothingNew() {
        RequestBuilder request = aRequest("redelivered-new");
        EventEnvelope<RequestReceived> received = request.event();

        publish(received, received);

        awaitCase(request.caseId());
        assertThat(eventsOfCases(request.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("case.opened");
        assertThat(mongo.findAll(TriageCase.class).collectList().block())
                .extracting(TriageCase::caseId)
                .containsExactly(request.caseId());
    }

    @Test
    void aRedeliveredDuplicateIsMergedOnce() {
        RequestBuilder first = aRequest("redelivered-master");
        RequestBuilder duplicate =
                aRequest("redelivered-duplicate").via("zheliban").saying(PROBLEM_RETYPED);
        EventEnvelope<RequestReceived> duplicateReceived = duplicate.event();
        publish(first.event());
        awaitCase(first.caseId());

        publish(duplicateReceived, duplicateReceived);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> awaitCase(first.caseId()).requests().size() >= 2);
        assertThat(eventsOfCases(first.caseId(), duplicate.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("case.opened", "request.merged");
        assertThat(awaitCase(first.caseId()).requests())
                .extracting(TriageCase.MemberRequest::requestId)
                .containsExactly(first.requestId(), duplicate.requestId());
        assertThat(storedCase(duplicate.caseId())).isNull();
    }

    @Test
    void mergesOpenedCasesAndTheClassifiersConfidenceAreCounted() {
        double exactMerges =
                meters.counter("qihu.triage.requests.merged", "match", "EXACT").count();
        double opened = openedCases();
        DistributionSummary confidence =
                meters.get("qihu.triage.classification.confidence").summary();
        long classified = confidence.count();
        double confidenceSum = confidence.totalAmount();
        RequestBuilder first = aRequest("counted-master").via("hotline-12345").saying(PROBLEM);
        RequestBuilder duplicate = aRequest("counted-duplicate").via("zheliban").saying(PROBLEM_RETYPED);

        publish(first.event());
        TriageCase master = awaitCase(first.caseId());
        EventEnvelope<RequestReceived> duplicateReceived = duplicate.event();
        publish(duplicateReceived, duplicateReceived);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> awaitCase(first.caseId()).requests().size() >= 2);
        eventsOfCases(first.caseId()); // until triage has been quiet for a while: the redelivery is handled too

        assertThat(meters.counter("qihu.triage.requests.merged", "match", "EXACT")
                        .count())
                .isEqualTo(exactMerges + 1);
        assertThat(openedCases()).isEqualTo(opened + 1);
        assertThat(confidence.count()).isEqualTo(classified + 1);
        assertThat(confidence.totalAmount() - confidenceSum)
                .isCloseTo(master.classification().confidence(), within(1e-9));
    }

    private double openedCases() {
        return meters.find("qihu.triage.cases.opened").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void anUnknownCaseIsNotFound() {
        http.get()
                .uri("/api/v1/cases/{id}", "case-never-opened")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("case-never-opened"));
    }
}

package qihu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.triage.RequestBuilder.aRequest;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.RequestMerged;
import qihu.support.testing.QihuServiceTest;
import qihu.triage.triaging.DedupIndexMaintenance;
import qihu.triage.triaging.Triage;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.MemberRequest;
import qihu.triage.triaging.TriageKeys;
import qihu.triage.triaging.TriageProperties;

/**
 * Triage's key documents (request → case, exact-duplicate key → case, enterprise → recent cases): the redelivery
 * guard, the crash between a claim and its case, and the exact-duplicate look-up that does not depend on the
 * enterprise's recent cases.
 */
@QihuServiceTest
class TriageKeysTest extends TriageTestSupport {

    private static final String PROBLEM = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    private static final String PROBLEM_RETYPED = "我司新建厂房于一月提交消防验收申请, 至今未收到验收结果,\n影响投产 请协调加快办理!";
    /** Another problem of the same enterprise: on the same partition, so triaged after what was published before it. */
    private static final String OTHER_PROBLEM = "我司申请的高新技术企业认定补助资金至今未拨付，请财政部门告知拨付进度。";

    @Autowired
    Triage triage;

    @Autowired
    TriageKeys keys;

    @Autowired
    TriageProperties properties;

    @Autowired
    DedupIndexMaintenance index;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @Test
    void aMergedRequestRedeliveredAfterItsCaseClosedOpensNoCase() {
        RequestBuilder master = aRequest("keys-master").saying(PROBLEM);
        RequestBuilder duplicate = aRequest("keys-duplicate").via("zheliban").saying(PROBLEM_RETYPED);
        EventEnvelope<?> duplicateReceived = duplicate.event();
        publish(master.event());
        awaitCase(master.caseId());
        publish(duplicateReceived);
        await().atMost(PATIENCE)
                .until(() -> storedCase(master.caseId()).requests().size() == 2);
        closeCase(master);

        publish(duplicateReceived);
        RequestBuilder after = aRequest("keys-after").saying(OTHER_PROBLEM);
        publish(after.event());
        awaitCase(after.caseId());

        // without the guard the closed master would make the redelivered request a recurrence with a case of its own
        assertThat(storedCase(duplicate.caseId())).isNull();
        assertThat(mongo.findAll(TriageCase.class).collectList().block())
                .extracting(TriageCase::caseId)
                .containsExactlyInAnyOrder(master.caseId(), after.caseId());
        assertThat(eventsOfCases(duplicate.caseId())).isEmpty();
    }

    @Test
    void aClaimWhoseCaseWasNeverWrittenIsTriagedAgain() {
        RequestBuilder request = aRequest("keys-claimed-only");
        // as if the first attempt died between the claim and the insert of the case
        keys.claimRequest(request.requestId(), request.caseId()).block();

        publish(request.event());

        assertThat(awaitCase(request.caseId()).state()).isEqualTo(CaseState.OPEN);
        assertThat(eventsOfCases(request.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("case.opened");
    }

    @Test
    void aClaimedMergeThatWasNeverWrittenIsMergedOnceOnRedelivery() {
        RequestBuilder master = aRequest("keys-claimed-master").saying(PROBLEM);
        RequestBuilder duplicate = aRequest("keys-claimed-duplicate").saying(PROBLEM_RETYPED);
        publish(master.event());
        awaitCase(master.caseId());
        // as if the first attempt died between the claim and the merge
        keys.claimRequest(duplicate.requestId(), master.caseId()).block();

        EventEnvelope<?> received = duplicate.event();
        publish(received, received);

        await().atMost(PATIENCE)
                .until(() -> storedCase(master.caseId()).requests().size() >= 2);
        assertThat(eventsOfCases(master.caseId(), duplicate.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("case.opened", "request.merged");
        assertThat(storedCase(master.caseId()).requests())
                .extracting(MemberRequest::requestId)
                .containsExactly(master.requestId(), duplicate.requestId());
        assertThat(storedCase(duplicate.caseId())).isNull();
        assertThat(keys.caseOfRequest(duplicate.requestId()).block()).isEqualTo(master.caseId());
    }

    @Test
    void anExactDuplicateIsFoundByItsKeyEvenWhenTheEnterprisesRecentCasesDoNotListIt() {
        RequestBuilder master = aRequest("keys-exact-master").saying(PROBLEM);
        RequestBuilder duplicate =
                aRequest("keys-exact-duplicate").via("zheliban").saying(PROBLEM_RETYPED);
        publish(master.event());
        awaitCase(master.caseId());
        mongo.dropCollection(TriageKeys.ENTERPRISE_CASES).block();

        publish(duplicate.event());

        await().atMost(PATIENCE)
                .until(() -> storedCase(master.caseId()).requests().size() == 2);
        assertThat(mergedEvent(master.caseId()).reason()).isEqualTo(exactDuplicateReason());
        assertThat(storedCase(duplicate.caseId())).isNull();
    }

    @Test
    void aReopenedCaseTakesItsExactDuplicatesAgain() {
        RequestBuilder first = aRequest("keys-reopened").saying(PROBLEM);
        RequestBuilder recurrence = aRequest("keys-recurrence").saying(PROBLEM);
        RequestBuilder later = aRequest("keys-after-reopen").via("zheliban").saying(PROBLEM_RETYPED);
        publish(first.event());
        awaitCase(first.caseId());
        closeCase(first);
        publish(recurrence.event());
        assertThat(awaitCase(recurrence.caseId()).recurrenceOf()).isEqualTo(first.caseId());
        closeCase(recurrence);

        publish(EventEnvelope.of(
                EventIds.of(EventType.CASE_REOPENED, first.caseId(), 2),
                Instant.parse("2026-11-28T02:00:00Z"),
                first.requestId(),
                new CaseReopened(first.caseId(), 2, "不满意", false)));
        await().atMost(PATIENCE).until(() -> storedCase(first.caseId()).state() == CaseState.OPEN);
        publish(later.event());

        await().atMost(PATIENCE)
                .until(() -> storedCase(first.caseId()).requests().size() == 2);
        assertThat(mergedEvent(first.caseId()).reason()).isEqualTo(exactDuplicateReason());
        assertThat(storedCase(recurrence.caseId()).requests()).hasSize(1);
    }

    @Test
    void aMergeIntoACaseReadBeforeItClosedChangesNothing() {
        RequestBuilder master = aRequest("keys-stale").saying(PROBLEM);
        publish(master.event());
        TriageCase readWhileOpen = awaitCase(master.caseId());
        closeCase(master);

        String merged = triage.mergeRequest(readWhileOpen, "req-late", "zheliban", 1.0, "manual", "req-late")
                .block();

        assertThat(merged).isNull();
        assertThat(storedCase(master.caseId()).requests()).hasSize(1);
    }

    @Test
    void aCaseStoredBeforeRevisionsTakesAMerge() {
        RequestBuilder master = aRequest("keys-legacy").saying(PROBLEM);
        publish(master.event());
        awaitCase(master.caseId());
        mongo.getCollection(TriageCase.COLLECTION)
                .flatMap(cases -> reactor.core.publisher.Mono.from(cases.updateOne(
                        new Document("_id", master.caseId()),
                        new Document("$unset", new Document(TriageCase.REVISION, "")))))
                .block();
        TriageCase legacy = storedCase(master.caseId());
        assertThat(legacy.revision()).isNull();

        assertThat(triage.mergeRequest(legacy, "req-legacy-merge", "zheliban", 1.0, "manual", "req-legacy-merge")
                        .block())
                .isEqualTo(master.caseId());
        assertThat(storedCase(master.caseId()).requests()).hasSize(2);
        assertThat(storedCase(master.caseId()).revision()).isEqualTo(1L);
    }

    @Test
    void anEnterpriseKeepsItsMostRecentCasesOnly() {
        int kept = properties.dedup().maxSameEnterpriseCases();
        List<String> caseIds =
                IntStream.range(0, kept + 5).mapToObj(i -> "case-" + i).toList();
        for (String caseId : caseIds) {
            keys.enterpriseCase("91330782MA2ABCDE1X", caseId).block();
        }

        assertThat(keys.recentCases("91330782MA2ABCDE1X").block())
                .containsExactlyElementsOf(caseIds.subList(5, caseIds.size()));
    }

    @Test
    void theIndexPicksUpTheCasesAnotherInstanceOpenedByTheirMinuteOfOpening() {
        RequestBuilder elsewhere = aRequest("keys-other-instance").saying(PROBLEM);
        publish(elsewhere.event());
        TriageCase opened = awaitCase(elsewhere.caseId());
        TriageCase notListed = new TriageCase(
                "case-not-listed",
                "QH20261120-009999",
                CaseState.OPEN,
                opened.enterprise(),
                null,
                opened.regionCode(),
                opened.title(),
                opened.content(),
                opened.classification(),
                null,
                List.of(),
                null,
                null,
                List.of(new MemberRequest("req-not-listed", "zheliban", 1.0, "opened the case", opened.openedAt())),
                opened.receivedAt(),
                opened.openedAt(),
                List.of(),
                null,
                null,
                0L);
        mongo.insert(notListed).block();

        // read by the minutes listed in opened_cases, not by a scan of every case opened since
        assertThat(index.refresh().block()).isEqualTo(1L);
    }

    private RequestMerged mergedEvent(String caseId) {
        return eventsOfCases(caseId).stream()
                .map(EventEnvelope::payload)
                .filter(RequestMerged.class::isInstance)
                .map(RequestMerged.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static String exactDuplicateReason() {
        return "exact duplicate: same enterprise, same normalised text, case still open";
    }
}

package qihu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.triage.RequestBuilder.HONGDA;
import static qihu.triage.RequestBuilder.KEDA;
import static qihu.triage.RequestBuilder.aRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.OwnerLevel;
import qihu.events.RequestMerged;
import qihu.support.testing.QihuServiceTest;
import qihu.triage.dedup.NearDuplicateIndex;
import qihu.triage.triaging.DedupIndexMaintenance;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.MemberRequest;
import qihu.triage.web.CaseController.CaseView;

/**
 * Near-duplicates through the real topics: a reworded request of the same enterprise merges with its score and reason,
 * another enterprise's similar request is linked, an unsure pair waits for a person (unpublished), a repeat after
 * closing is a
 * recurrence, and an index rebuilt from the store finds what was stored before.
 */
@QihuServiceTest
class NearDuplicateTriageTest extends TriageTestSupport {

    private static final String PROBLEM = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    private static final String REWORDED = "您好，我司再次反映：新建厂房于一月提交消防验收申请，至今没收到验收结果，影响投产，请尽快协调办理，谢谢！";
    private static final String OTHER_PERMIT = "我司新建厂房于一月提交环评验收申请，至今未收到验收结果，影响投产，请协调加快办理。";

    @Autowired
    DedupIndexMaintenance index;

    @Autowired
    NearDuplicateIndex nearDuplicates;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        // the index mirrors the store: other tests' cases would take the places of this test's most similar ones
        nearDuplicates.clear();
    }

    @Test
    void aRewordedRequestOfTheSameEnterpriseIsMergedWithItsScoreAndReason() {
        RequestBuilder first = aRequest("near-master").saying(PROBLEM);
        RequestBuilder again = aRequest("near-again").via("zheliban").saying(REWORDED);

        publish(first.event());
        awaitCase(first.caseId());
        publish(again.event());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> awaitCase(first.caseId()).requests().size() == 2);
        MemberRequest member = getCase(first.caseId()).requests().get(1);
        assertThat(member.requestId()).isEqualTo(again.requestId());
        assertThat(member.score()).isBetween(0.75, 0.99);
        assertThat(member.reason()).contains("same enterprise, same problem, case open", "% of the wording shared");
        assertThat(storedCase(again.caseId())).isNull();
        RequestMerged merged = (RequestMerged) eventsOfCases(first.caseId()).stream()
                .filter(e -> e.payload() instanceof RequestMerged)
                .findFirst()
                .orElseThrow()
                .payload();
        assertThat(merged.score()).isEqualTo(member.score());
        assertThat(merged.reason()).isEqualTo(member.reason());
    }

    @Test
    void anotherEnterprisesSimilarRequestIsLinkedNeverMerged() {
        RequestBuilder hongda = aRequest("near-hongda").from(HONGDA).saying(PROBLEM);
        RequestBuilder keda = aRequest("near-keda").from(KEDA).saying(REWORDED);

        publish(hongda.event());
        awaitCase(hongda.caseId());
        publish(keda.event());

        CaseView kedaCase = getCase(awaitCase(keda.caseId()).caseId());
        assertThat(kedaCase.requests()).hasSize(1);
        assertThat(kedaCase.relatedCases()).singleElement().satisfies(related -> {
            assertThat(related.caseId()).isEqualTo(hongda.caseId());
            assertThat(related.verdict()).isEqualTo("RELATED");
            assertThat(related.reason()).contains("another enterprise");
        });
        assertThat(kedaCase.manualTriage()).isNull();
        assertThat(awaitCase(hongda.caseId()).requests()).hasSize(1);
        CaseOpened opened = openedEvent(keda.caseId());
        assertThat(opened.relatedCaseIds()).containsExactly(hongda.caseId());
        assertThat(opened.recurrenceOf()).isNull();
    }

    @Test
    void aCloseCallWaitsForAPersonUnpublished() {
        RequestBuilder fire = aRequest("near-fire").saying(PROBLEM);
        RequestBuilder environment = aRequest("near-environment").via("qiyema").saying(OTHER_PERMIT);

        publish(fire.event());
        awaitCase(fire.caseId());
        publish(environment.event());

        CaseView view = getCase(awaitCase(environment.caseId()).caseId());
        assertThat(view.state()).isEqualTo(CaseState.AWAITING_TRIAGE);
        assertThat(eventsOfCases(environment.caseId())).isEmpty();
        assertThat(view.manualTriage()).isNotNull();
        assertThat(view.manualTriage().reasons())
                .anySatisfy(reason -> assertThat(reason)
                        .startsWith("possible duplicate of " + fire.caseId())
                        .contains("different words: 消防验收 / 环评 验收"));
        assertThat(view.manualTriage().similarCases())
                .extracting(TriageCase.SimilarCase::caseId)
                .contains(fire.caseId());
        assertThat(awaitCase(fire.caseId()).requests()).hasSize(1);
    }

    @Test
    void theSameProblemAfterTheCaseClosedOpensARecurrence() {
        RequestBuilder first = aRequest("near-closed").saying(PROBLEM);
        RequestBuilder later = aRequest("near-recurrence").via("qiyema").saying(REWORDED);
        publish(first.event());
        awaitCase(first.caseId());
        closeCase(first);

        publish(later.event());

        CaseView recurrence = getCase(awaitCase(later.caseId()).caseId());
        assertThat(recurrence.recurrenceOf()).isEqualTo(first.caseId());
        assertThat(recurrence.requests().get(0).reason()).contains("repeats closed case " + first.caseId());
        assertThat(openedEvent(later.caseId()).recurrenceOf()).isEqualTo(first.caseId());
    }

    /** The case.opened triage published, as consumers read it. */
    private CaseOpened openedEvent(String caseId) {
        return eventsOfCases(caseId).stream()
                .map(EventEnvelope::payload)
                .filter(CaseOpened.class::isInstance)
                .map(CaseOpened.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theIndexRebuiltFromTheStoreFindsCasesStoredBefore() {
        // as if opened by another instance before this one started
        TriageCase stored = new TriageCase(
                "case-stored-before-restart",
                "QH20261001-000001",
                CaseState.OPEN,
                new Enterprise("91330700MA28XXXX0X", "金华市某某机械有限公司"),
                null,
                "330702",
                "出口退税迟迟未到账",
                "我司出口退税申报已经三个月没有到账，资金压力很大，请协调税务部门加快办理。",
                new Classification("OPENING", Complexity.GENERAL, OwnerLevel.COUNTY, 0.9),
                null,
                List.of(),
                null,
                null,
                List.of(new MemberRequest("req-stored", "hotline-12345", 1.0, "opened the case", Instant.now())),
                Instant.parse("2026-10-01T02:00:00Z"),
                Instant.parse("2026-10-01T02:00:05Z"),
                List.of(),
                null,
                null,
                // stored before cases had revisions
                null);
        mongo.insert(stored).block();
        assertThat(index.rebuild().block()).isGreaterThanOrEqualTo(1);

        RequestBuilder similar =
                aRequest("near-after-restart").from(KEDA).saying("出口退税申报三个月了还没有到账，公司资金压力很大，麻烦协调税务部门加快办理，谢谢。");
        publish(similar.event());

        assertThat(getCase(awaitCase(similar.caseId()).caseId()).relatedCases())
                .extracting(TriageCase.SimilarCase::caseId)
                .containsExactly(stored.caseId());
    }

    @Test
    void aRequestTheClassifierIsUnsureAboutWaitsForAPerson() {
        RequestBuilder vague = aRequest("near-vague").titled("咨询").saying("你好，有个事情想问一下。");

        publish(vague.event());

        CaseView view = getCase(awaitCase(vague.caseId()).caseId());
        assertThat(view.state()).isEqualTo(CaseState.AWAITING_TRIAGE);
        assertThat(view.classification().confidence()).isLessThan(0.5);
        assertThat(view.classifierEvidence().topBoards()).hasSize(3);
        assertThat(view.manualTriage().reasons()).anySatisfy(r -> assertThat(r).startsWith("classifier unsure"));
    }
}

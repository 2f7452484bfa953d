package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.triage.dedup.DedupDecision.Outcome;
import qihu.triage.dedup.DuplicateDetector.CaseCandidate;
import qihu.triage.dedup.DuplicateDetector.IncomingRequest;

class DuplicateDetectorTest {

    private static final String HONGDA = "91330782MA2D7QF513";
    private static final String KEDA = "914403001922038216";
    private static final Instant OPENED = Instant.parse("2026-11-20T01:30:00Z");
    private static final String FIRE = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    private static final String FIRE_AGAIN = "您好，我司再次反映：新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理，谢谢！";
    private static final String ENVIRONMENT = "我司新建厂房于一月提交环评验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    private static final String TAX = "我司出口退税申报已经三个月没有到账，资金压力很大，请协调税务部门加快办理。";

    private final DuplicateDetector detector = new DuplicateDetector(new NearDuplicateIndex(), DedupPolicy.DEFAULT);

    private static IncomingRequest request(String uscc, String text, int daysLater) {
        return new IncomingRequest("req-1", uscc, "义乌市鸿达小商品有限公司", text, OPENED.plus(Duration.ofDays(daysLater)));
    }

    private static CaseCandidate kase(String id, String uscc, String text, boolean open) {
        return new CaseCandidate(id, uscc, "义乌市鸿达小商品有限公司", text, OPENED, open);
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HONGDA | FIRE_AGAIN  | true  | 3   | DUPLICATE  | same enterprise, reworded, open, in the window",
                "HONGDA | FIRE        | true  | 3   | DUPLICATE  | same enterprise, same text",
                "HONGDA | FIRE_AGAIN  | false | 3   | RECURRENCE | the case is closed",
                "HONGDA | FIRE_AGAIN  | true  | 120 | UNCERTAIN  | beyond the 90-day window",
                "HONGDA | ENVIRONMENT | true  | 3   | UNCERTAIN  | another permit, same wording otherwise",
                "HONGDA | TAX         | true  | 3   | NEW        | another problem",
                "KEDA   | FIRE        | true  | 3   | RELATED    | another enterprise, same text: never merged",
                "NONE   | FIRE        | true  | 3   | UNCERTAIN  | no credit code but the same name: a person decides",
            })
    void decides(String enterprise, String text, boolean open, int daysLater, Outcome outcome, String why) {
        DedupDecision decision = detector.decide(
                request(uscc(enterprise), text(text), daysLater), List.of(kase("case-fire", HONGDA, FIRE, open)));

        assertThat(decision.outcome()).as(decision.reason()).isEqualTo(outcome);
        assertThat(decision.caseId()).isEqualTo("case-fire");
        assertThat(decision.reason()).isNotBlank();
        assertThat(decision.evidence()).hasSize(1);
    }

    private static String uscc(String name) {
        return switch (name) {
            case "HONGDA" -> HONGDA;
            case "KEDA" -> KEDA;
            default -> null;
        };
    }

    private static String text(String name) {
        return switch (name) {
            case "FIRE" -> FIRE;
            case "FIRE_AGAIN" -> FIRE_AGAIN;
            case "ENVIRONMENT" -> ENVIRONMENT;
            default -> TAX;
        };
    }

    @Test
    void theReasonSaysWhy() {
        DedupDecision merged =
                detector.decide(request(HONGDA, FIRE_AGAIN, 3), List.of(kase("case-fire", HONGDA, FIRE, true)));
        DedupDecision uncertain =
                detector.decide(request(HONGDA, ENVIRONMENT, 3), List.of(kase("case-fire", HONGDA, FIRE, true)));

        assertThat(merged.reason()).contains("same enterprise", "case open", "% of the wording shared");
        assertThat(merged.score()).isBetween(DedupPolicy.DEFAULT_DUPLICATE_SCORE, 1.0);
        assertThat(uncertain.reason()).contains("different words: 消防验收 / 环评 验收");
    }

    @Test
    void aDuplicateWinsOverOtherCandidatesAndTheEvidenceListsTheClosest() {
        DedupDecision decision = detector.decide(
                request(HONGDA, FIRE_AGAIN, 3),
                List.of(
                        kase("case-tax", HONGDA, TAX, true),
                        kase("case-keda", KEDA, FIRE, true),
                        kase("case-fire", HONGDA, FIRE, true),
                        kase("case-env", HONGDA, ENVIRONMENT, true)));

        assertThat(decision).isInstanceOf(DedupDecision.Duplicate.class);
        assertThat(decision.caseId()).isEqualTo("case-fire");
        assertThat(decision.evidence())
                .hasSize(DuplicateDetector.EVIDENCE)
                .extracting(DedupDecision.Match::caseId)
                .startsWith("case-fire");
    }

    @Test
    void withNothingToCompareTheRequestIsNew() {
        DedupDecision decision = detector.decide(request(HONGDA, FIRE, 0), List.of());

        assertThat(decision.outcome()).isEqualTo(Outcome.NEW);
        assertThat(decision.caseId()).isNull();
        assertThat(decision.score()).isZero();
    }

    @Test
    void detectFindsTheCandidatesThroughTheIndex() {
        Map<String, CaseCandidate> store = new HashMap<>();
        for (CaseCandidate kase : List.of(
                kase("case-fire", HONGDA, FIRE, true),
                kase("case-tax", HONGDA, TAX, true),
                kase("case-keda", KEDA, ENVIRONMENT, true))) {
            store.put(kase.caseId(), kase);
            detector.remember(kase);
        }

        DedupDecision decision =
                detector.detect(request(HONGDA, FIRE_AGAIN, 3), id -> Optional.ofNullable(store.get(id)));

        assertThat(decision.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(decision.caseId()).isEqualTo("case-fire");
        assertThat(decision.evidence()).extracting(DedupDecision.Match::caseId).contains("case-keda");
    }

    @Test
    void amongManySimilarCasesOfOtherEnterprisesTheEnterprisesOwnDuplicateIsFound() {
        List<CaseCandidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // other enterprises' copies of the same problem, closer to the request's wording than the duplicate
            candidates.add(new CaseCandidate(
                    "case-other-" + i,
                    "9133" + i,
                    "别家公司" + i,
                    FIRE_AGAIN.replace("一月", (i % 12 + 1) + "月"),
                    OPENED,
                    true));
        }
        candidates.add(kase("case-fire", HONGDA, FIRE, true));

        DedupDecision decision = detector.decide(request(HONGDA, FIRE_AGAIN, 3), candidates);

        assertThat(decision.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(decision.caseId()).isEqualTo("case-fire");
    }

    @Test
    void ofOtherEnterprisesOnlyTheMostSimilarAreJudged() {
        DedupPolicy twoJudged = new DedupPolicy(0.75, 0.6, 0.5, Duration.ofDays(90), 0.25, 2);
        DuplicateDetector bounded = new DuplicateDetector(new NearDuplicateIndex(), twoJudged);
        List<CaseCandidate> candidates = List.of(
                new CaseCandidate("case-tax", KEDA, "别家", TAX, OPENED, true),
                new CaseCandidate("case-env", KEDA, "别家", ENVIRONMENT, OPENED, true),
                new CaseCandidate("case-same", KEDA, "别家", FIRE_AGAIN, OPENED, true),
                new CaseCandidate("case-fire", KEDA, "别家", FIRE, OPENED, true));

        DedupDecision decision = bounded.decide(request(HONGDA, FIRE_AGAIN, 3), candidates);

        assertThat(decision.outcome()).isEqualTo(Outcome.RELATED);
        assertThat(decision.evidence())
                .extracting(DedupDecision.Match::caseId)
                .containsExactlyInAnyOrder("case-same", "case-fire");
    }

    @Test
    void aCaseWhoseTextChangedIsAnalysedAgain() {
        CaseCandidate before = kase("case-fire", HONGDA, FIRE, true);
        CaseCandidate revised = kase("case-fire", HONGDA, TAX, true);

        DedupDecision first = detector.decide(request(HONGDA, FIRE_AGAIN, 3), List.of(before));
        DedupDecision second = detector.decide(request(HONGDA, FIRE_AGAIN, 3), List.of(revised));

        assertThat(first.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(second.outcome()).as(second.reason()).isEqualTo(Outcome.NEW);
    }

    @Test
    void theCachedAnalysisGivesTheSameDecisionAsAFreshOne() {
        DuplicateDetector uncached = new DuplicateDetector(new NearDuplicateIndex(), DedupPolicy.DEFAULT, 0);
        List<CaseCandidate> candidates =
                List.of(kase("case-fire", HONGDA, FIRE, true), kase("case-env", HONGDA, ENVIRONMENT, true));

        detector.decide(request(HONGDA, TAX, 1), candidates);
        DedupDecision cached = detector.decide(request(HONGDA, FIRE_AGAIN, 3), candidates);
        DedupDecision fresh = uncached.decide(request(HONGDA, FIRE_AGAIN, 3), candidates);

        assertThat(detector.analysisCacheHitRate()).isPositive();
        assertThat(cached).isEqualTo(fresh);
    }
}

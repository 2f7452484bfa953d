package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import qihu.triage.dedup.NearDuplicateIndex.Hit;
import qihu.triage.dedup.NearDuplicateIndex.IndexedCase;
import qihu.triage.text.TextAnalyzer;

class NearDuplicateIndexTest {

    private static final String HONGDA = "91330782MA2D7QF513";
    private static final String KEDA = "914403001922038216";
    private static final Instant AT = Instant.parse("2026-11-20T01:30:00Z");
    private static final String FIRE = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";
    private static final String FIRE_AGAIN = "您好，新建厂房一月提交的消防验收申请至今未收到验收结果，影响投产，请协调。";
    private static final String TAX = "我司出口退税申报已经三个月没有到账，资金压力很大，请协调税务部门加快办理。";

    private final NearDuplicateIndex index = new NearDuplicateIndex();

    private static MinHashSignature sign(String text) {
        return MinHasher.sign(TextAnalyzer.standard().analyze(text));
    }

    private void add(String caseId, String uscc, String text) {
        index.add(new IndexedCase(caseId, uscc, AT, true), sign(text));
    }

    private List<Hit> query(String text, String uscc) {
        return index.query(sign(text), uscc, 0.25, 10);
    }

    @Test
    void findsASimilarCaseOfAnotherEnterpriseButNotADissimilarOne() {
        add("case-fire", KEDA, FIRE);
        add("case-tax", KEDA, TAX);

        assertThat(query(FIRE_AGAIN, HONGDA))
                .extracting(Hit::caseId, Hit::sameEnterprise)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("case-fire", false));
    }

    @Test
    void alwaysOffersEveryCaseOfTheSameEnterpriseHowEverDifferent() {
        add("case-tax", HONGDA, TAX);

        assertThat(query(FIRE, HONGDA))
                .extracting(Hit::caseId, Hit::sameEnterprise)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("case-tax", true));
        assertThat(query(FIRE, null)).isEmpty();
    }

    @Test
    void anEnterpriseWithoutCreditCodeIsNeverTheSameEnterprise() {
        index.add(new IndexedCase("case-nameless", null, AT, true), sign(FIRE));

        assertThat(query(FIRE, null)).extracting(Hit::sameEnterprise).containsExactly(false);
    }

    @Test
    void removedCasesAreNotFoundAndReAddingReplaces() {
        add("case-fire", HONGDA, FIRE);
        add("case-fire", HONGDA, TAX);

        assertThat(query(TAX, KEDA)).extracting(Hit::caseId).containsExactly("case-fire");
        assertThat(query(FIRE, KEDA)).isEmpty();
        assertThat(index.size()).isEqualTo(1);

        assertThat(index.remove("case-fire")).isTrue();
        assertThat(index.remove("case-fire")).isFalse();
        assertThat(query(TAX, HONGDA)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void closingAndReopeningIsSeenInTheHits() {
        add("case-fire", HONGDA, FIRE);

        index.setOpen("case-fire", false);
        assertThat(query(FIRE, HONGDA)).extracting(Hit::open).containsExactly(false);
        index.setOpen("case-fire", true);
        assertThat(query(FIRE, HONGDA)).extracting(Hit::open).containsExactly(true);
        assertThat(index.setOpen("case-unknown", true)).isFalse();
    }

    @Test
    void staysCorrectWhenManyRemovalsRebuildIt() {
        for (int i = 0; i < 3_000; i++) {
            add("case-" + i, "9133" + i, "第" + i + "号厂房" + (i % 2 == 0 ? FIRE : TAX));
        }
        for (int i = 0; i < 3_000; i++) {
            if (i % 3 != 0) {
                index.remove("case-" + i);
            }
        }

        assertThat(index.size()).isEqualTo(1_000);
        assertThat(query("第2997号厂房" + TAX, "91332997"))
                .extracting(Hit::caseId)
                .contains("case-2997")
                .doesNotContain("case-2998", "case-2999");
        assertThat(query("第2997号厂房" + TAX, "91332997").get(0).sameEnterprise()).isTrue();
    }

    @Test
    void returnsNoMoreOtherEnterprisesCasesThanAsked() {
        for (int i = 0; i < 30; i++) {
            add("case-" + i, "9133" + i, FIRE);
        }

        assertThat(index.query(sign(FIRE), HONGDA, 0.25, 5)).hasSize(5);
    }

    @Test
    void theCasesReturnedAreTheMostSimilarWithTiesInCaseOrder() {
        List<String> texts = List.of(FIRE, FIRE_AGAIN, "您好，" + FIRE, FIRE + "谢谢！", FIRE_AGAIN + "盼复。");
        java.util.Map<String, Double> similarity = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            String text = texts.get(i % texts.size());
            add("case-" + i, "9133" + i, text);
            similarity.put("case-" + i, sign(FIRE).estimatedSimilarity(sign(text)));
        }
        List<String> expected = similarity.entrySet().stream()
                .filter(e -> e.getValue() >= 0.25)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(7)
                .map(java.util.Map.Entry::getKey)
                .toList();

        assertThat(index.query(sign(FIRE), HONGDA, 0.25, 7))
                .extracting(Hit::caseId)
                .containsExactlyElementsOf(expected);
    }
}

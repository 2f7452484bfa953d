package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceSimilarityTest {

    private static final Random RANDOM = new Random(7);

    /** The longest common subsequence by the plain table, to hold the bit-parallel one to. */
    private static int tableLcs(List<?> a, List<?> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                table[i][j] = a.get(i - 1).equals(b.get(j - 1))
                        ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.size()][b.size()];
    }

    private static List<Character> chars(String text) {
        return text.chars().mapToObj(c -> (char) c).toList();
    }

    /** Random text over a small alphabet (many matches), up to {@code max} characters. */
    private static String text(int max) {
        StringBuilder text = new StringBuilder();
        int length = RANDOM.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append("停电水厂房消防验收请".charAt(RANDOM.nextInt(10)));
        }
        return text.toString();
    }

    @Test
    void bitParallelSubsequenceEqualsTheTableOneAcrossWordBoundaries() {
        for (int round = 0; round < 500; round++) {
            String a = text(300);
            String b = text(300);

            assertThat(SequenceSimilarity.lcs(a, b)).as("%s / %s", a, b).isEqualTo(tableLcs(chars(a), chars(b)));
        }
    }

    @Test
    void clauseByClauseSubsequencesEqualTheTableOnes() {
        for (int round = 0; round < 200; round++) {
            List<String> clauses = new ArrayList<>();
            for (int c = RANDOM.nextInt(6); c >= 0; c--) {
                clauses.add(text(RANDOM.nextBoolean() ? 64 : 100));
            }
            String other = text(80);

            int[] common = new SequenceSimilarity.ClausePatterns(clauses).lcs(other);

            for (int c = 0; c < clauses.size(); c++) {
                assertThat(common[c]).isEqualTo(tableLcs(chars(clauses.get(c)), chars(other)));
            }
        }
    }

    @Test
    void wordsInOrderCountWithoutParticlesAsTheTableDoes() {
        List<String> vocabulary = List.of("厂房", "的", "消防", "验收", "了", "申请", "在", "办理");
        for (int round = 0; round < 300; round++) {
            List<List<String>> first = clauses(vocabulary);
            List<List<String>> second = clauses(vocabulary);

            List<int[]> pairs = ClauseAgreement.pairs(first, second);

            for (int[] pair : pairs) {
                assertThat(ClauseAgreement.commonInOrder(first.get(pair[0]), second.get(pair[1])))
                        .isGreaterThanOrEqualTo(ClauseAgreement.MIN_SHARED_WORDS);
            }
            ClauseAgreement.WordPositions positions = new ClauseAgreement.WordPositions(second);
            for (List<String> clause : first) {
                for (int j = 0; j < second.size(); j++) {
                    if (positions.fits(j)) {
                        assertThat(positions.commonInOrder(positions.of(clause), j))
                                .isEqualTo(ClauseAgreement.commonInOrder(clause, second.get(j)));
                    }
                }
            }
        }
    }

    private static List<List<String>> clauses(List<String> vocabulary) {
        List<List<String>> clauses = new ArrayList<>();
        for (int c = RANDOM.nextInt(4); c >= 0; c--) {
            List<String> words = new ArrayList<>();
            for (int w = RANDOM.nextInt(70); w >= 0; w--) {
                words.add(vocabulary.get(RANDOM.nextInt(vocabulary.size())));
            }
            clauses.add(words);
        }
        return clauses;
    }
}

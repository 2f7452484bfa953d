package qihu.triage.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import qihu.triage.dedup.TextComparison.Conflict;
import qihu.triage.text.AnalyzedText;

/**
 * Checks on all words (stop words included) that the alignment of content terms does not see:
 *
 * <ul>
 *   <li>two texts that both state numbers must state the same values ("三个月" = "3个月");
 *   <li>clauses are paired by the words they share in order; in a pair, a negation of a word the other clause has
 *       unnegated, 被/遭 in one clause only, or words that changed places around a word that stayed between them
 *       ("没有其他毛利人的当地联系人" / "没有当地毛利人的其他联系人") mean the clauses may say something else, who did what
 *       to whom included.
 * </ul>
 */
final class ClauseAgreement {

    /** Shared words a clause pair needs before its order, voice and negation are compared. */
    static final int MIN_SHARED_WORDS = 2;

    /** Particles and adverbs that move freely or say nothing about roles. */
    private static final Set<String> PARTICLES = Set.of(
            "的", "了", "地", "得", "着", "过", "之", "也", "都", "就", "还", "又", "并", "而", "且", "所", "吧", "呢", "吗", "啊", "于",
            "在", "已", "已经", "曾", "将", "会", "和", "与", "及", "以及", "是");

    private static final Set<String> PASSIVE_MARKERS = Set.of("被", "遭", "遭到");

    private static final Set<String> NEGATIONS = TextComparison.NEGATIONS;

    private static final List<String> REQUEST_MARKERS = TextComparison.REQUEST_MARKERS;

    private ClauseAgreement() {}

    static List<Conflict> conflicts(AnalyzedText first, AnalyzedText second) {
        return conflicts(PreparedText.of(first), PreparedText.of(second));
    }

    static List<Conflict> conflicts(PreparedText first, PreparedText second) {
        List<Conflict> conflicts = new ArrayList<>();
        Set<Long> numbersFirst = first.numbers();
        Set<Long> numbersSecond = second.numbers();
        if (!numbersFirst.isEmpty() && !numbersSecond.isEmpty() && !numbersFirst.equals(numbersSecond)) {
            conflicts.add(new Conflict(Conflict.Kind.NUMBER, join(numbersFirst), join(numbersSecond)));
        }
        List<List<String>> clausesFirst = first.wordsByClause();
        List<List<String>> clausesSecond = second.wordsByClause();
        for (int[] pair : pairs(clausesFirst, clausesSecond, second.wordPositions())) {
            List<String> one = clausesFirst.get(pair[0]);
            List<String> other = clausesSecond.get(pair[1]);
            List<String> reordered = reordered(one, other);
            if (!reordered.isEmpty()) {
                conflicts.add(new Conflict(Conflict.Kind.WORD_ORDER, reordered, reordered));
            }
            if (has(one, PASSIVE_MARKERS) != has(other, PASSIVE_MARKERS)) {
                conflicts.add(new Conflict(
                        Conflict.Kind.WORD_ORDER,
                        has(one, PASSIVE_MARKERS) ? "被" : "",
                        has(other, PASSIVE_MARKERS) ? "被" : ""));
            }
            String negatedFirst = negatedShared(one, other);
            String negatedSecond = negatedShared(other, one);
            if (negatedFirst != null || negatedSecond != null) {
                conflicts.add(new Conflict(
                        Conflict.Kind.NEGATION,
                        negatedFirst == null ? "" : "不" + negatedFirst,
                        negatedSecond == null ? "" : "不" + negatedSecond));
            }
        }
        return conflicts;
    }

    /** Clause pairs, best first, each clause in at most one pair, sharing at least {@link #MIN_SHARED_WORDS} words. */
    static List<int[]> pairs(List<List<String>> first, List<List<String>> second) {
        return pairs(first, second, new WordPositions(second));
    }

    private static List<int[]> pairs(List<List<String>> first, List<List<String>> second, WordPositions positions) {
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            List<long[]> clause = positions.of(first.get(i));
            for (int j = 0; j < second.size(); j++) {
                int common = positions.fits(j)
                        ? positions.commonInOrder(clause, j)
                        : commonInOrder(first.get(i), second.get(j));
                if (common >= MIN_SHARED_WORDS) {
                    candidates.add(new int[] {common, i, j});
                }
            }
        }
        candidates.sort((p, q) -> q[0] != p[0] ? q[0] - p[0] : p[1] != q[1] ? p[1] - q[1] : p[2] - q[2]);
        boolean[] usedFirst = new boolean[first.size()];
        boolean[] usedSecond = new boolean[second.size()];
        List<int[]> pairs = new ArrayList<>();
        for (int[] candidate : candidates) {
            if (!usedFirst[candidate[1]] && !usedSecond[candidate[2]]) {
                usedFirst[candidate[1]] = true;
                usedSecond[candidate[2]] = true;
                pairs.add(new int[] {candidate[1], candidate[2]});
            }
        }
        return pairs;
    }

    /**
     * Where each word that counts (not a particle) stands in each clause of one text, as bits, for the bit-parallel
     * longest common subsequence (as in {@link SequenceSimilarity}): every pair of clauses of two texts is compared, and
     * this makes a pair a few word operations per word. A clause of more than 64 words takes the table instead.
     */
    static final class WordPositions {
        private final Map<String, long[]> positions = new HashMap<>();
        private final int[] lengths;

        WordPositions(List<List<String>> clauses) {
            lengths = new int[clauses.size()];
            for (int c = 0; c < clauses.size(); c++) {
                List<String> words = clauses.get(c);
                lengths[c] = words.size();
                if (!fits(c)) {
                    continue;
                }
                for (int w = 0; w < words.size(); w++) {
                    if (!PARTICLES.contains(words.get(w))) {
                        positions.computeIfAbsent(words.get(w), k -> new long[lengths.length])[c] |= 1L << w;
                    }
                }
            }
        }

        boolean fits(int clause) {
            return lengths[clause] <= Long.SIZE;
        }

        /** The positions of a clause's words (of the other text) here; null for a word that does not count or occur. */
        List<long[]> of(List<String> words) {
            List<long[]> found = new ArrayList<>(words.size());
            for (String word : words) {
                long[] at = PARTICLES.contains(word) ? null : positions.get(word);
                if (at != null) {
                    found.add(at);
                }
            }
            return found;
        }

        int commonInOrder(List<long[]> words, int clause) {
            long unused = -1L;
            for (long[] at : words) {
                long u = unused & at[clause];
                unused = (unused + u) | (unused - u);
            }
            long columns = lengths[clause] == Long.SIZE ? -1L : (1L << lengths[clause]) - 1;
            return Long.bitCount(~unused & columns);
        }
    }

    /**
     * Words that changed places around a word that stayed between them ("X 是 Y 的支流" / "Y 是 X 的支流", "其他毛利人的当地
     * 联系人" / "当地毛利人的其他联系人"): who does what to whom changed. Words moved as a block or next to each other
     * ("已提交材料" / "材料已经提交", "出口的一批货物" / "一批出口货物") keep their roles. Only words each clause has once
     * count; particles, numbers and date words move freely and never count as swapped.
     */
    static List<String> reordered(List<String> one, List<String> other) {
        Map<String, Integer> there = uniquePositions(other);
        Map<String, Integer> here = uniquePositions(one);
        List<String> shared = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (String word : one) {
            if (here.containsKey(word) && there.containsKey(word)) {
                shared.add(word);
                positions.add(there.get(word));
            }
        }
        Set<String> swapped = new TreeSet<>();
        for (int x = 0; x < positions.size(); x++) {
            for (int y = x + 1; y < positions.size(); y++) {
                if (positions.get(x) <= positions.get(y) || movesFreely(shared.get(x)) || movesFreely(shared.get(y))) {
                    continue;
                }
                for (int z = x + 1; z < y; z++) {
                    if (positions.get(z) > positions.get(y) && positions.get(z) < positions.get(x)) {
                        swapped.add(shared.get(x));
                        swapped.add(shared.get(y));
                    }
                }
            }
        }
        return List.copyOf(swapped);
    }

    private static Map<String, Integer> uniquePositions(List<String> words) {
        Map<String, Integer> positions = new HashMap<>();
        Set<String> repeated = new TreeSet<>();
        for (int p = 0; p < words.size(); p++) {
            String word = words.get(p);
            if (positions.putIfAbsent(word, p) != null) {
                repeated.add(word);
            }
        }
        positions.keySet().removeAll(repeated);
        return positions;
    }

    private static boolean movesFreely(String word) {
        return PARTICLES.contains(word)
                || Synonyms.isNumber(word)
                || word.equals("年")
                || word.equals("月")
                || word.equals("日")
                || word.equals("号")
                || NEGATIONS.contains(word);
    }

    static int commonInOrder(List<String> one, List<String> other) {
        int[] previous = new int[other.size() + 1];
        int[] current = new int[other.size() + 1];
        for (int i = 1; i <= one.size(); i++) {
            String word = one.get(i - 1);
            boolean counts = !PARTICLES.contains(word);
            for (int j = 1; j <= other.size(); j++) {
                current[j] = counts && word.equals(other.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[other.size()];
    }

    private static boolean has(List<String> words, java.util.Collection<String> markers) {
        for (String word : words) {
            if (markers.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The word {@code clause} negates (the next word that is not a particle) when {@code other} has it without any
     * negation and does not ask for it ("请尽快维修" is answered, not contradicted, by "至今没有维修"); else null.
     */
    static String negatedShared(List<String> clause, List<String> other) {
        if (has(other, NEGATIONS) || has(other, REQUEST_MARKERS)) {
            return null;
        }
        for (int w = 0; w < clause.size(); w++) {
            if (!NEGATIONS.contains(clause.get(w))) {
                continue;
            }
            int next = w + 1;
            while (next < clause.size() && PARTICLES.contains(clause.get(next))) {
                next++;
            }
            if (next < clause.size() && other.contains(clause.get(next))) {
                return clause.get(next);
            }
        }
        return null;
    }

    /** The numbers a text states, as values: digits, or Chinese numerals ("三", "十五", "两"); a lone "一" is an article. */
    static Set<Long> numbers(List<String> words) {
        Set<Long> numbers = new TreeSet<>();
        for (String word : words) {
            if (word.equals("一") || !Synonyms.isNumber(word)) {
                continue;
            }
            long value = value(word);
            if (value >= 0) {
                numbers.add(value);
            }
        }
        return numbers;
    }

    /** The value of digits or of a Chinese numeral up to the 亿s; -1 when it does not read as one. */
    static long value(String word) {
        if (word.chars().allMatch(Character::isDigit)) {
            return word.length() > 18 ? -1 : Long.parseLong(word.length() > 0 ? word : "0");
        }
        long total = 0;
        long section = 0;
        long digit = -1;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            int d = c == '〇' ? 0 : c == '两' ? 2 : "零一二三四五六七八九".indexOf(c);
            if (d >= 0) {
                digit = d;
                continue;
            }
            long unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1_000;
                case '万' -> 10_000;
                case '亿' -> 100_000_000;
                default -> -1;
            };
            if (unit < 0) {
                return -1;
            }
            long factor = digit < 0 ? 1 : digit;
            if (unit >= 10_000) {
                total = (total + section + (digit < 0 ? 0 : digit)) * unit;
                section = 0;
            } else {
                section += factor * unit;
            }
            digit = -1;
        }
        return total + section + (digit < 0 ? 0 : digit);
    }

    private static String join(Set<Long> numbers) {
        return String.join(" ", numbers.stream().map(String::valueOf).toList());
    }
}

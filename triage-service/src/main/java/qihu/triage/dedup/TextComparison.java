package qihu.triage.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import qihu.triage.text.AnalyzedText;

/**
 * Compares two request texts term by term and says how they differ, so that a merge can be explained and a pair that
 * overlaps heavily but says something else ("消防验收" where the other says "环评验收", 200 万元 against 500 万元, "未办结"
 * against "已办结", two places swapped) is not taken for a rewording.
 *
 * <p>The terms are aligned by their longest common subsequence. Between two aligned terms, what only one text has is
 * an addition (a polite phrase, a detail, a clause moved elsewhere); where both texts have something different, it is
 * a substitution, harmless only when the words are synonyms (同义词词林 "=") or one wording contains the other ("一月"
 * / "一月份"). Every other substitution is a {@link Conflict}.
 */
public final class TextComparison {

    /** Terms compared per text; a longer text is compared on its beginning, where the problem is stated. */
    static final int MAX_TERMS = 400;

    /**
     * Characters one wording may add to the other and still be the same words ("一月" / "一月份", "员" / "会员"); more is
     * other words ("南面" is not "东南面戈尔德河南面").
     */
    static final int MAX_PADDING = 2;

    /** Words that negate; one negation matches another ("未收到" = "没收到"). */
    static final Set<String> NEGATIONS = Set.of("不", "没", "没有", "未", "无", "非", "否", "别", "尚未", "无法", "没法", "不能", "不再");

    private static final String NEGATION = "不";

    /** Words that ask for what follows them: "请尽快维修", "要求协调办理". */
    static final List<String> REQUEST_MARKERS = List.of("请", "要求", "希望", "尽快", "加快", "抓紧", "恳请", "盼");

    private TextComparison() {}

    public static Comparison compare(AnalyzedText first, AnalyzedText second) {
        return compare(PreparedText.of(first), PreparedText.of(second));
    }

    /** The same, on texts prepared once for all their comparisons. */
    public static Comparison compare(PreparedText preparedFirst, PreparedText preparedSecond) {
        AnalyzedText first = preparedFirst.analysis();
        AnalyzedText second = preparedSecond.analysis();
        List<String> a = truncate(first.terms());
        List<String> b = truncate(second.terms());
        if (a.isEmpty() || b.isEmpty()) {
            return Comparison.nothingShared(a, b);
        }
        Work work = new Work(a, b, truncate(first.termClauses()), truncate(second.termClauses()));
        work.clauseTextA = first.clauses();
        work.clauseTextB = second.clauses();
        work.walkGaps();
        work.settleMoves();
        work.conflicts.addAll(ClauseAgreement.conflicts(preparedFirst, preparedSecond));
        double content = Math.min(1.0, 2 * work.shared / (preparedFirst.termWeight() + preparedSecond.termWeight()));
        return new Comparison(
                content,
                SequenceSimilarity.of(preparedFirst.clippedClauses(), preparedSecond),
                work.conflicts,
                work.synonyms,
                work.moved,
                work.terms(a, work.onlyFirst),
                work.terms(b, work.onlySecond));
    }

    static <T> List<T> truncate(List<T> terms) {
        return terms.size() > MAX_TERMS ? terms.subList(0, MAX_TERMS) : terms;
    }

    static String key(String term) {
        return NEGATIONS.contains(term) ? NEGATION : term;
    }

    private static boolean isNegation(String term) {
        return NEGATIONS.contains(term);
    }

    static double weightOf(List<String> terms) {
        double sum = 0;
        for (String term : terms) {
            sum += TermWeights.weight(term);
        }
        return sum;
    }

    /** The stretch between two aligned terms: {@code [firstFrom, firstTo)} in one text, the same in the other. */
    private record Gap(int firstFrom, int firstTo, int secondFrom, int secondTo) {}

    /** One comparison's state: the alignment, then what each gap between aligned terms holds. */
    private static final class Work {
        final List<String> a;
        final List<String> b;
        final List<Integer> clausesA;
        final List<Integer> clausesB;
        final boolean[] anchoredA;
        final boolean[] anchoredB;
        List<String> clauseTextA = List.of();
        List<String> clauseTextB = List.of();
        final List<Gap> gaps = new ArrayList<>();
        final Map<String, Integer> gapKeysA = new HashMap<>();
        final Map<String, Integer> gapKeysB = new HashMap<>();

        double shared;
        final List<Conflict> conflicts = new ArrayList<>();
        final List<String> synonyms = new ArrayList<>();
        final List<String> moved = new ArrayList<>();
        final List<Integer> onlyFirst = new ArrayList<>();
        final List<Integer> onlySecond = new ArrayList<>();

        Work(List<String> a, List<String> b, List<Integer> clausesA, List<Integer> clausesB) {
            this.a = a;
            this.b = b;
            this.clausesA = clausesA;
            this.clausesB = clausesB;
            this.anchoredA = new boolean[a.size()];
            this.anchoredB = new boolean[b.size()];
            align();
        }

        /** Aligns the longest common subsequence of terms and records the gaps around it. */
        private void align() {
            int n = a.size();
            int m = b.size();
            // keys as numbers: equal keys, equal numbers; a key only the first text has gets one the second never has
            Map<String, Integer> ids = new HashMap<>();
            int[] kb = new int[m];
            for (int y = 0; y < m; y++) {
                kb[y] = ids.computeIfAbsent(key(b.get(y)), k -> ids.size());
            }
            int[] ka = new int[n];
            for (int x = 0; x < n; x++) {
                ka[x] = ids.getOrDefault(key(a.get(x)), -1);
            }
            // suffix[i][j] = LCS length of a[i..] and b[j..]; walking forward from (0,0) prefers earlier matches.
            int[][] suffix = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    suffix[i][j] =
                            ka[i] == kb[j] ? suffix[i + 1][j + 1] + 1 : Math.max(suffix[i + 1][j], suffix[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            int gapFromA = 0;
            int gapFromB = 0;
            while (i < n && j < m) {
                if (ka[i] == kb[j]) {
                    addGap(gapFromA, i, gapFromB, j);
                    anchoredA[i] = true;
                    anchoredB[j] = true;
                    shared += TermWeights.weight(a.get(i));
                    gapFromA = ++i;
                    gapFromB = ++j;
                } else if (suffix[i + 1][j] >= suffix[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
            addGap(gapFromA, n, gapFromB, m);
        }

        private void addGap(int firstFrom, int firstTo, int secondFrom, int secondTo) {
            if (firstFrom == firstTo && secondFrom == secondTo) {
                return;
            }
            gaps.add(new Gap(firstFrom, firstTo, secondFrom, secondTo));
            for (int x = firstFrom; x < firstTo; x++) {
                gapKeysA.merge(key(a.get(x)), 1, Integer::sum);
            }
            for (int y = secondFrom; y < secondTo; y++) {
                gapKeysB.merge(key(b.get(y)), 1, Integer::sum);
            }
        }

        void walkGaps() {
            for (Gap gap : gaps) {
                List<Integer> first = range(gap.firstFrom(), gap.firstTo());
                List<Integer> second = range(gap.secondFrom(), gap.secondTo());
                if (!first.isEmpty() && !second.isEmpty()) {
                    pairSynonyms(first, second);
                }
                if (first.isEmpty() || second.isEmpty()) {
                    onlyFirst.addAll(first);
                    onlySecond.addAll(second);
                    continue;
                }
                boolean firstMovedHere = first.stream().allMatch(x -> gapKeysB.containsKey(key(a.get(x))));
                boolean secondMovedHere = second.stream().allMatch(y -> gapKeysA.containsKey(key(b.get(y))));
                if (firstMovedHere && secondMovedHere) {
                    // Each side has here what the other has elsewhere: the same words, swapped.
                    conflicts.add(new Conflict(Conflict.Kind.SWAP, terms(a, first), terms(b, second)));
                } else if (firstMovedHere || secondMovedHere) {
                    // A clause moved into this place, next to words only one side has.
                    onlyFirst.addAll(first);
                    onlySecond.addAll(second);
                } else {
                    substitution(first, second);
                }
            }
        }

        /** Both sides say something different at the same place: harmless only if one wording contains the other. */
        private void substitution(List<Integer> first, List<Integer> second) {
            List<String> wordsFirst = terms(a, first);
            List<String> wordsSecond = terms(b, second);
            String wordingFirst = String.join("", wordsFirst);
            String wordingSecond = String.join("", wordsSecond);
            boolean numbers = wordsFirst.stream().anyMatch(Synonyms::isNumber)
                    || wordsSecond.stream().anyMatch(Synonyms::isNumber);
            if (!numbers
                    && Math.abs(wordingFirst.length() - wordingSecond.length()) <= MAX_PADDING
                    && (isSubsequence(wordingFirst, wordingSecond) || isSubsequence(wordingSecond, wordingFirst))) {
                // "一月" / "一月份": the same words, cut or padded differently.
                shared += Math.min(weight(a, first), weight(b, second));
                synonyms.add(wordingFirst + "≈" + wordingSecond);
            } else {
                conflicts.add(Conflict.of(wordsFirst, wordsSecond));
            }
        }

        private void pairSynonyms(List<Integer> first, List<Integer> second) {
            for (int x = 0; x < first.size(); x++) {
                String one = a.get(first.get(x));
                for (int y = 0; y < second.size(); y++) {
                    String other = b.get(second.get(y));
                    if (Synonyms.areSynonyms(one, other)) {
                        shared += (TermWeights.weight(one) + TermWeights.weight(other)) / 2;
                        synonyms.add(one + "≈" + other);
                        first.remove(x--);
                        second.remove(y);
                        break;
                    }
                }
            }
        }

        /**
         * What one side has at one place and the other at another is moved, not added (a clause put first instead of
         * last); words only one side has, facing words only the other has in the same aligned clause, were
         * substituted ("X 谋杀了 Y" / "X 被 Y 杀害"). A negation only one side has is a conflict when it negates words
         * both sides have ("验收通过" / "验收未通过"); negating something only it says ("仍未解决" in a follow-up) is an
         * addition.
         */
        void settleMoves() {
            List<Integer> second = new ArrayList<>(onlySecond);
            List<Integer> first = new ArrayList<>();
            List<String> reordered = new ArrayList<>();
            List<int[]> movedPairs = new ArrayList<>();
            for (int x : onlyFirst) {
                int at = indexOfKey(second, key(a.get(x)));
                if (at < 0) {
                    first.add(x);
                    continue;
                }
                int y = second.remove(at);
                shared += TermWeights.weight(a.get(x));
                if (wholeClauseMoved(x, y, Synonyms.isNumber(a.get(x)))) {
                    movedPairs.add(new int[] {x, y});
                } else {
                    reordered.add(a.get(x));
                }
            }
            for (int[] pair : movedPairs) {
                if (invertedWithin(pair, movedPairs)) {
                    reordered.add(a.get(pair[0]));
                } else {
                    moved.add(a.get(pair[0]));
                }
            }
            if (!reordered.isEmpty()) {
                conflicts.add(new Conflict(Conflict.Kind.WORD_ORDER, reordered, reordered));
            }
            substitutionsAcrossGaps(first, second);
            onlyFirst.clear();
            onlyFirst.addAll(first);
            onlySecond.clear();
            onlySecond.addAll(second);
            boolean negatesSharedFirst = first.stream().anyMatch(x -> negatesWhatTheOtherAsksNot(true, x));
            boolean negatesSharedSecond = second.stream().anyMatch(y -> negatesWhatTheOtherAsksNot(false, y));
            if (negatesSharedFirst || negatesSharedSecond) {
                conflicts.add(new Conflict(
                        Conflict.Kind.NEGATION, negatesSharedFirst ? "否定" : "", negatesSharedSecond ? "否定" : ""));
            }
        }

        /**
         * A moved clause keeps its own word order; moved words that swap places with each other inside one clause
         * ("它发现于非洲，包括南非" / "它发现于南非，包括非洲") are not a moved clause.
         */
        private boolean invertedWithin(int[] pair, List<int[]> pairs) {
            for (int[] other : pairs) {
                boolean inverted = (other[0] - pair[0]) * (long) (other[1] - pair[1]) < 0;
                boolean sameClause = clausesA.get(other[0]).equals(clausesA.get(pair[0]))
                        || clausesB.get(other[1]).equals(clausesB.get(pair[1]));
                if (inverted && sameClause) {
                    return true;
                }
            }
            return false;
        }

        /** Leftovers of both sides inside one pair of aligned clauses; removes the ones it settles. */
        private void substitutionsAcrossGaps(List<Integer> first, List<Integer> second) {
            Map<Long, List<Integer>> firstByClausePair = new HashMap<>();
            Map<Long, List<Integer>> secondByClausePair = new HashMap<>();
            for (int x : first) {
                for (int y : second) {
                    long pair = ((long) clausesA.get(x) << 32) | clausesB.get(y);
                    if (alignedClauses().contains(pair)) {
                        List<Integer> xs = firstByClausePair.computeIfAbsent(pair, p -> new ArrayList<>());
                        if (!xs.contains(x)) {
                            xs.add(x);
                        }
                        List<Integer> ys = secondByClausePair.computeIfAbsent(pair, p -> new ArrayList<>());
                        if (!ys.contains(y)) {
                            ys.add(y);
                        }
                    }
                }
            }
            for (Map.Entry<Long, List<Integer>> entry : firstByClausePair.entrySet()) {
                List<Integer> xs = new ArrayList<>(entry.getValue());
                List<Integer> ys = new ArrayList<>(secondByClausePair.get(entry.getKey()));
                xs.retainAll(first);
                ys.retainAll(second);
                if (xs.isEmpty() || ys.isEmpty()) {
                    continue;
                }
                first.removeAll(xs);
                second.removeAll(ys);
                pairSynonyms(xs, ys);
                if (xs.isEmpty() || ys.isEmpty()) {
                    first.addAll(xs);
                    second.addAll(ys);
                } else {
                    substitution(xs, ys);
                }
            }
        }

        private Set<Long> alignedClauses;

        /** Pairs of clauses (one from each text) that share at least one aligned term. */
        private Set<Long> alignedClauses() {
            if (alignedClauses == null) {
                alignedClauses = new HashSet<>();
                int j = 0;
                for (int i = 0; i < a.size(); i++) {
                    if (!anchoredA[i]) {
                        continue;
                    }
                    while (!anchoredB[j]) {
                        j++;
                    }
                    alignedClauses.add(((long) clausesA.get(i) << 32) | clausesB.get(j));
                    j++;
                }
            }
            return alignedClauses;
        }

        /**
         * A clause put elsewhere keeps its meaning ("舱位紧张，货物未发出" / "货物未发出，舱位紧张"); words moved inside a
         * sentence change who does what ("X 是 Y 的支流" / "Y 是 X 的支流"). So a moved word is harmless only where its
         * clause in one of the texts lies wholly outside the alignment: that clause as a whole was moved. A moved number
         * must have moved with its clause in both texts.
         */
        private boolean wholeClauseMoved(int x, int y, boolean number) {
            boolean first = clauseUnaligned(clausesA, anchoredA, clausesA.get(x));
            boolean second = clauseUnaligned(clausesB, anchoredB, clausesB.get(y));
            // A number binds to what its clause says ("距离 A 78 公里" / "距离 B 78 公里"): it may only move with it.
            return number ? first && second : first || second;
        }

        private static boolean clauseUnaligned(List<Integer> clauses, boolean[] anchored, int clause) {
            for (int t = 0; t < clauses.size(); t++) {
                if (clauses.get(t) == clause && anchored[t]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A negation before a word both texts have contradicts the other text ("验收通过" / "验收未通过"), unless the
         * other text asks for that very thing: "请尽快维修" and a follow-up's "至今没有维修" are the same problem.
         */
        private boolean negatesWhatTheOtherAsksNot(boolean inFirst, int at) {
            List<String> terms = inFirst ? a : b;
            boolean[] anchored = inFirst ? anchoredA : anchoredB;
            if (!isNegation(terms.get(at)) || at + 1 >= terms.size() || !anchored[at + 1]) {
                return false;
            }
            String negated = terms.get(at + 1);
            List<String> otherClauses = inFirst ? clauseTextB : clauseTextA;
            for (String clause : otherClauses) {
                int where = clause.indexOf(negated);
                if (where > 0 && REQUEST_MARKERS.stream().anyMatch(m -> clause.lastIndexOf(m, where) >= 0)) {
                    return false;
                }
            }
            return true;
        }

        private int indexOfKey(List<Integer> indices, String key) {
            for (int k = 0; k < indices.size(); k++) {
                if (key(b.get(indices.get(k))).equals(key)) {
                    return k;
                }
            }
            return -1;
        }

        List<String> terms(List<String> source, List<Integer> indices) {
            return indices.stream().map(source::get).toList();
        }

        private double weight(List<String> source, List<Integer> indices) {
            double sum = 0;
            for (int index : indices) {
                sum += TermWeights.weight(source.get(index));
            }
            return sum;
        }

        private static List<Integer> range(int from, int to) {
            List<Integer> indices = new ArrayList<>(to - from);
            for (int x = from; x < to; x++) {
                indices.add(x);
            }
            return indices;
        }
    }

    /** True if every character of {@code inner} occurs in {@code outer} in the same order. */
    static boolean isSubsequence(String inner, String outer) {
        int k = 0;
        for (int x = 0; x < outer.length() && k < inner.length(); x++) {
            if (outer.charAt(x) == inner.charAt(k)) {
                k++;
            }
        }
        return k == inner.length();
    }

    /** A place where the two texts say different things. */
    public record Conflict(Kind kind, String first, String second) {

        public enum Kind {
            /** Different numbers: another amount, building, date. */
            NUMBER,
            /** One text negates what the other states. */
            NEGATION,
            /** Different words that are not synonyms: another permit, another place. */
            SUBSTITUTION,
            /** The same words in swapped places: "A 包括 B" against "B 包括 A". */
            SWAP,
            /** Words moved inside a sentence, which changes who does what to whom. */
            WORD_ORDER
        }

        Conflict(Kind kind, List<String> first, List<String> second) {
            this(kind, String.join(" ", first), String.join(" ", second));
        }

        static Conflict of(List<String> first, List<String> second) {
            String one = String.join(" ", first);
            String other = String.join(" ", second);
            boolean numbers = first.stream().anyMatch(Synonyms::isNumber)
                    || second.stream().anyMatch(Synonyms::isNumber);
            boolean negatedFirst = first.stream().anyMatch(t -> key(t).equals(NEGATION));
            boolean negatedSecond = second.stream().anyMatch(t -> key(t).equals(NEGATION));
            Kind kind = numbers ? Kind.NUMBER : negatedFirst != negatedSecond ? Kind.NEGATION : Kind.SUBSTITUTION;
            return new Conflict(kind, one, other);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case NEGATION -> "negation differs";
                case NUMBER -> "numbers differ: " + first + " / " + second;
                case SUBSTITUTION -> "different words: " + first + " / " + second;
                case SWAP -> "swapped: " + first + " / " + second;
                case WORD_ORDER -> "word order differs: " + first;
            };
        }
    }

    /**
     * How two texts compare.
     *
     * @param content weighted share of the terms the texts have in common (aligned, moved or synonymous), 0..1
     * @param sequence share of the characters in the same order, clause by clause (see {@link SequenceSimilarity})
     * @param conflicts places where they say different things; any conflict means "not the same problem" for merging
     */
    public record Comparison(
            double content,
            double sequence,
            List<Conflict> conflicts,
            List<String> synonyms,
            List<String> moved,
            List<String> onlyInFirst,
            List<String> onlyInSecond) {

        public Comparison {
            conflicts = List.copyOf(conflicts);
            synonyms = List.copyOf(synonyms);
            moved = List.copyOf(moved);
            onlyInFirst = List.copyOf(onlyInFirst);
            onlyInSecond = List.copyOf(onlyInSecond);
        }

        static Comparison nothingShared(List<String> first, List<String> second) {
            return new Comparison(0, 0, List.of(), List.of(), List.of(), first, second);
        }

        /**
         * The one figure decisions use: the lower of content and sequence. A rewording keeps both high; the same words
         * in another order ("最高…最低" swapped) keep the content but lose the sequence.
         */
        public double score() {
            return Math.min(content, sequence);
        }

        public boolean conflicting() {
            return !conflicts.isEmpty();
        }

        /** For people: "92% of the wording shared, 88% in the same order; conflicts: …; reworded: 最近≈近期; …". */
        public String explain() {
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%.0f%% of the wording shared, %.0f%% in the same order",
                    content * 100,
                    sequence * 100));
            appendIfAny(
                    text,
                    "conflicts",
                    conflicts.stream().map(Conflict::toString).toList());
            appendIfAny(text, "reworded", synonyms);
            appendIfAny(text, "moved", moved);
            appendIfAny(text, "only in the case", onlyInFirst);
            appendIfAny(text, "only in the request", onlyInSecond);
            return text.toString();
        }

        private static void appendIfAny(StringBuilder text, String label, List<String> items) {
            if (!items.isEmpty()) {
                text.append("; ").append(label).append(": ").append(String.join(" ", items));
            }
        }
    }
}

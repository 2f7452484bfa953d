package qihu.triage.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How much of two texts reads the same in the same order: the longest common subsequence of characters, either over
 * the whole texts or clause against clause (each clause paired with at most one of the other text, best pairs
 * first), whichever is larger. Clause pairing lets a clause move ("A，B" / "B，A") without losing order; words
 * swapped inside a clause still cost.
 */
public final class SequenceSimilarity {

    /** Characters compared per text; a longer text is compared on its beginning. */
    static final int MAX_CHARS = 1_000;

    private SequenceSimilarity() {}

    public static double of(List<String> firstClauses, List<String> secondClauses) {
        List<String> b = clipped(secondClauses);
        return of(clipped(firstClauses), b, () -> new Pattern(String.join("", b)), () -> new ClausePatterns(b));
    }

    /** The same, against a text prepared once for all the texts it is compared with. */
    static double of(List<String> a, PreparedText second) {
        return of(a, second.clippedClauses(), second::wholePattern, second::clausePatterns);
    }

    private static double of(
            List<String> a, List<String> b, Supplier<Pattern> wholeB, Supplier<ClausePatterns> clausesB) {
        int lengthA = a.stream().mapToInt(String::length).sum();
        int lengthB = b.stream().mapToInt(String::length).sum();
        if (lengthA == 0 || lengthB == 0) {
            return 0;
        }
        int whole = wholeB.get().lcs(String.join("", a));
        return Math.min(1.0, 2.0 * Math.max(whole, clauseByClause(a, clausesB.get())) / (lengthA + lengthB));
    }

    private static int clauseByClause(List<String> a, ClausePatterns b) {
        List<int[]> pairs = new ArrayList<>(a.size() * b.size());
        for (int i = 0; i < a.size(); i++) {
            int[] common = b.lcs(a.get(i));
            for (int j = 0; j < common.length; j++) {
                if (common[j] > 0) {
                    pairs.add(new int[] {common[j], i, j});
                }
            }
        }
        pairs.sort((p, q) -> q[0] != p[0] ? q[0] - p[0] : p[1] != q[1] ? p[1] - q[1] : p[2] - q[2]);
        boolean[] usedA = new boolean[a.size()];
        boolean[] usedB = new boolean[b.size()];
        int sum = 0;
        for (int[] pair : pairs) {
            if (!usedA[pair[1]] && !usedB[pair[2]]) {
                usedA[pair[1]] = true;
                usedB[pair[2]] = true;
                sum += pair[0];
            }
        }
        return sum;
    }

    /** Clauses without their word-separating spaces, cut off after {@link #MAX_CHARS} characters in all. */
    static List<String> clipped(List<String> clauses) {
        List<String> kept = new ArrayList<>(clauses.size());
        int budget = MAX_CHARS;
        for (String clause : clauses) {
            if (budget <= 0) {
                break;
            }
            String compact = clause.replace(" ", "");
            kept.add(compact.length() > budget ? compact.substring(0, budget) : compact);
            budget -= compact.length();
        }
        return kept;
    }

    static int lcs(String a, String b) {
        return new Pattern(b).lcs(a);
    }

    /**
     * One text prepared for the bit-parallel longest common subsequence of Hyyrö (2004): for each of its characters,
     * the positions where it stands as bits, so that a whole row of the dynamic programme is a few word operations per
     * character of the other text. Exactly the same length as the row-by-row table, about 64 times fewer steps.
     */
    static final class Pattern {
        private final int length;
        private final int words;
        private final char[] characters;
        private final long[][] positions;

        Pattern(String text) {
            length = text.length();
            words = (length + 63) >>> 6;
            char[] distinct = text.toCharArray();
            java.util.Arrays.sort(distinct);
            int count = 0;
            for (int k = 0; k < distinct.length; k++) {
                if (k == 0 || distinct[k] != distinct[k - 1]) {
                    distinct[count++] = distinct[k];
                }
            }
            characters = java.util.Arrays.copyOf(distinct, count);
            positions = new long[count][words];
            for (int at = 0; at < length; at++) {
                long[] bits = positions[java.util.Arrays.binarySearch(characters, text.charAt(at))];
                bits[at >>> 6] |= 1L << at;
            }
        }

        /** The length of the longest common subsequence of {@code other} and this text. */
        int lcs(String other) {
            if (length == 0) {
                return 0;
            }
            // a 1 bit is a column the subsequence has not used yet
            long[] unused = new long[words];
            java.util.Arrays.fill(unused, -1L);
            for (int i = 0; i < other.length(); i++) {
                int found = java.util.Arrays.binarySearch(characters, other.charAt(i));
                if (found < 0) {
                    continue;
                }
                long[] matches = positions[found];
                long carry = 0;
                for (int w = 0; w < words; w++) {
                    long v = unused[w];
                    long u = v & matches[w];
                    long partial = v + u;
                    long sum = partial + carry;
                    carry = Long.compareUnsigned(partial, v) < 0 || Long.compareUnsigned(sum, partial) < 0 ? 1 : 0;
                    unused[w] = sum | (v - u);
                }
            }
            int used = 0;
            for (int w = 0; w < words; w++) {
                long bits = ~unused[w];
                if (w == words - 1 && (length & 63) != 0) {
                    bits &= (1L << (length & 63)) - 1;
                }
                used += Long.bitCount(bits);
            }
            return used;
        }
    }

    /**
     * All clauses of one text prepared at once for the bit-parallel subsequence against a clause of another: each
     * character of that clause is looked up once and moves every clause's row together. Clauses of more than 64
     * characters take a {@link Pattern} of their own.
     */
    static final class ClausePatterns {
        private final char[] characters;
        private final long[][] positions;
        private final int[] lengths;
        private final Pattern[] longClauses;

        ClausePatterns(List<String> clauses) {
            int count = clauses.size();
            lengths = new int[count];
            longClauses = new Pattern[count];
            StringBuilder all = new StringBuilder();
            for (int c = 0; c < count; c++) {
                lengths[c] = clauses.get(c).length();
                if (lengths[c] > Long.SIZE) {
                    longClauses[c] = new Pattern(clauses.get(c));
                } else {
                    all.append(clauses.get(c));
                }
            }
            characters = all.chars()
                    .sorted()
                    .distinct()
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString()
                    .toCharArray();
            positions = new long[characters.length][count];
            for (int c = 0; c < count; c++) {
                if (longClauses[c] != null) {
                    continue;
                }
                String clause = clauses.get(c);
                for (int at = 0; at < clause.length(); at++) {
                    positions[java.util.Arrays.binarySearch(characters, clause.charAt(at))][c] |= 1L << at;
                }
            }
        }

        int size() {
            return lengths.length;
        }

        /** The longest common subsequence of {@code other} with each clause, in clause order. */
        int[] lcs(String other) {
            int count = lengths.length;
            long[] unused = new long[count];
            java.util.Arrays.fill(unused, -1L);
            for (int i = 0; i < other.length(); i++) {
                int found = java.util.Arrays.binarySearch(characters, other.charAt(i));
                if (found < 0) {
                    continue;
                }
                long[] matches = positions[found];
                for (int c = 0; c < count; c++) {
                    long v = unused[c];
                    long u = v & matches[c];
                    unused[c] = (v + u) | (v - u);
                }
            }
            int[] common = new int[count];
            for (int c = 0; c < count; c++) {
                if (longClauses[c] != null) {
                    common[c] = longClauses[c].lcs(other);
                } else {
                    long columns = lengths[c] == Long.SIZE ? -1L : (1L << lengths[c]) - 1;
                    common[c] = Long.bitCount(~unused[c] & columns);
                }
            }
            return common;
        }
    }
}

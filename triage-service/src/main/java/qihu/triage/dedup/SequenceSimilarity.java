package qihu.triage.dedup;

import java.util.ArrayList;
import java.util.List;

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
        List<String> a = clipped(firstClauses);
        List<String> b = clipped(secondClauses);
        int lengthA = a.stream().mapToInt(String::length).sum();
        int lengthB = b.stream().mapToInt(String::length).sum();
        if (lengthA == 0 || lengthB == 0) {
            return 0;
        }
        int whole = lcs(String.join("", a), String.join("", b));
        return Math.min(1.0, 2.0 * Math.max(whole, clauseByClause(a, b)) / (lengthA + lengthB));
    }

    private static int clauseByClause(List<String> a, List<String> b) {
        List<int[]> pairs = new ArrayList<>(a.size() * b.size());
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                int common = lcs(a.get(i), b.get(j));
                if (common > 0) {
                    pairs.add(new int[] {common, i, j});
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
    private static List<String> clipped(List<String> clauses) {
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
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            char c = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                current[j] = c == b.charAt(j - 1) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

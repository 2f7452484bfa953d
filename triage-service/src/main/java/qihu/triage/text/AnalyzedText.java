package qihu.triage.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request text as dedup and the classifier see it.
 *
 * @param clauses the normalised clauses (letters and digits only, cut at punctuation), see
 *     {@link qihu.triage.dedup.TextNormalizer#clauses}
 * @param words every word, in order
 * @param terms the words that carry meaning (stop words removed), in order
 * @param termClauses for each term, the index of the clause it stands in
 * @param wordClauses for each word, the index of the clause it stands in
 *     <p>The lists are wrapped unmodifiable, not copied (copying them was a sixth of fingerprinting's time): whoever
 *     builds one hands the lists over and keeps no reference ({@link TextAnalyzer} does).
 */
public record AnalyzedText(
        List<String> clauses,
        List<String> words,
        List<String> terms,
        List<Integer> termClauses,
        List<Integer> wordClauses) {

    public AnalyzedText {
        clauses = Collections.unmodifiableList(clauses);
        words = Collections.unmodifiableList(words);
        terms = Collections.unmodifiableList(terms);
        termClauses = Collections.unmodifiableList(termClauses);
        wordClauses = Collections.unmodifiableList(wordClauses);
        if (termClauses.size() != terms.size() || wordClauses.size() != words.size()) {
            throw new IllegalArgumentException("one clause index per term and per word");
        }
    }

    /** The words of each clause, in order. */
    public List<List<String>> wordsByClause() {
        List<List<String>> byClause = new ArrayList<>(clauses.size());
        for (int c = 0; c < clauses.size(); c++) {
            byClause.add(new ArrayList<>());
        }
        for (int w = 0; w < words.size(); w++) {
            byClause.get(wordClauses.get(w)).add(words.get(w));
        }
        return byClause;
    }

    /**
     * Character n-grams inside each clause (never across punctuation or between Latin words), in order; a piece
     * shorter than {@code n} is one gram of its own, so a short text still has features.
     */
    public List<String> charNgrams(int n) {
        List<String> grams = new ArrayList<>();
        for (String clause : clauses) {
            for (String piece : clause.split(" ")) {
                int[] cps = piece.codePoints().toArray();
                if (cps.length < n) {
                    if (cps.length > 0) {
                        grams.add(piece);
                    }
                    continue;
                }
                for (int i = 0; i + n <= cps.length; i++) {
                    grams.add(new String(cps, i, n));
                }
            }
        }
        return grams;
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}

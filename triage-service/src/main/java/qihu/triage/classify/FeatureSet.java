package qihu.triage.classify;

import java.util.ArrayList;
import java.util.List;
import qihu.triage.text.AnalyzedText;

/**
 * Which features a model reads from a text: its content words, pairs of neighbouring content words, and character
 * n-grams. Character n-grams make a model trained on text a third party already split into words work on raw text,
 * and the other way round: they do not depend on where anyone cut the words.
 *
 * @param charNgramMin smallest character n-gram, 0 for none
 * @param charNgramMax largest character n-gram
 */
public record FeatureSet(boolean words, boolean wordBigrams, int charNgramMin, int charNgramMax) {

    public static final FeatureSet DEFAULT = new FeatureSet(true, true, 1, 2);

    public FeatureSet {
        if (charNgramMin < 0 || (charNgramMin > 0 && charNgramMax < charNgramMin)) {
            throw new IllegalArgumentException("character n-grams from " + charNgramMin + " to " + charNgramMax);
        }
    }

    static final String WORD = "w:";
    static final String BIGRAM = "b:";
    static final String CHARS = "c:";

    /** The features of one text, repeated as often as they occur; prefixed by kind so they never collide. */
    public List<String> extract(AnalyzedText text) {
        List<String> features = new ArrayList<>();
        List<String> terms = text.terms();
        if (words) {
            for (String term : terms) {
                features.add(WORD + term);
            }
        }
        if (wordBigrams) {
            for (int i = 0; i + 1 < terms.size(); i++) {
                features.add(BIGRAM + terms.get(i) + '_' + terms.get(i + 1));
            }
        }
        if (charNgramMin > 0) {
            for (int n = charNgramMin; n <= charNgramMax; n++) {
                for (String gram : text.charNgrams(n)) {
                    features.add(CHARS + gram);
                }
            }
        }
        return features;
    }

    /**
     * The {@link FeatureHash hashes} of the features {@link #extract} would give, in no particular order, without
     * building a string for each: classification reads hundreds of features per text.
     */
    int hashes(AnalyzedText text, long[][] buffer) {
        List<String> terms = text.terms();
        int capacity = (words ? terms.size() : 0) + (wordBigrams ? terms.size() : 0);
        if (charNgramMin > 0) {
            int chars = 0;
            for (String clause : text.clauses()) {
                chars += clause.length();
            }
            capacity +=
                    chars * (charNgramMax - charNgramMin + 1) + text.clauses().size();
        }
        if (buffer[0].length < capacity) {
            buffer[0] = new long[capacity];
        }
        long[] out = buffer[0];
        int count = 0;
        FeatureHash hash = new FeatureHash();
        if (words) {
            for (String term : terms) {
                out[count++] = hash.reset().add(WORD).add(term).value();
            }
        }
        if (wordBigrams) {
            for (int i = 0; i + 1 < terms.size(); i++) {
                out[count++] = hash.reset()
                        .add(BIGRAM)
                        .add(terms.get(i))
                        .add('_')
                        .add(terms.get(i + 1))
                        .value();
            }
        }
        if (charNgramMin > 0) {
            for (String clause : text.clauses()) {
                count = charGramHashes(clause, out, count, hash);
            }
        }
        return count;
    }

    /** As {@link AnalyzedText#charNgrams}: per space-separated piece, a piece shorter than n is one gram. */
    private int charGramHashes(String clause, long[] out, int count, FeatureHash hash) {
        int start = 0;
        while (start <= clause.length()) {
            int end = clause.indexOf(' ', start);
            if (end < 0) {
                end = clause.length();
            }
            if (end > start) {
                int codePoints = clause.codePointCount(start, end);
                for (int n = charNgramMin; n <= charNgramMax; n++) {
                    if (codePoints < n) {
                        out[count++] =
                                hash.reset().add(CHARS).add(clause, start, end).value();
                        continue;
                    }
                    int from = start;
                    for (int g = 0; g + n <= codePoints; g++) {
                        int to = clause.offsetByCodePoints(from, n);
                        out[count++] =
                                hash.reset().add(CHARS).add(clause, from, to).value();
                        from = clause.offsetByCodePoints(from, 1);
                    }
                }
            }
            start = end + 1;
        }
        return count;
    }
}

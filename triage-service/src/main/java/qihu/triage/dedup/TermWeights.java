package qihu.triage.dedup;

import com.hankcs.hanlp.dictionary.CoreDictionary;

/**
 * How much a word says about which problem a request is: rare words (a place, a permit, an amount) more than common
 * ones. An inverse document frequency taken from the frequencies in HanLP's core dictionary (a general news corpus),
 * so it needs no corpus of our own and is the same on every instance.
 */
public final class TermWeights {

    /** Words this frequent or more weigh the minimum (1 + log10(1 + 1e5 / 1e5) ≈ 1.3). */
    private static final double REFERENCE_FREQUENCY = 100_000;

    private TermWeights() {}

    public static double weight(String term) {
        int frequency = Math.max(0, CoreDictionary.getTermFrequency(term));
        return 1 + Math.log10(1 + REFERENCE_FREQUENCY / (1 + frequency));
    }
}

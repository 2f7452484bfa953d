package qihu.triage.dedup;

import java.util.Arrays;

/** A text's {@link MinHasher MinHash} signature; empty when the text has no content terms. */
public final class MinHashSignature {

    private final int[] minima;
    private final boolean empty;

    MinHashSignature(int[] minima, boolean empty) {
        this.minima = minima;
        this.empty = empty;
    }

    public boolean isEmpty() {
        return empty;
    }

    /** The share of agreeing minima: an unbiased estimate of the two term sets' Jaccard similarity. */
    public double estimatedSimilarity(MinHashSignature other) {
        if (empty || other.empty) {
            return 0;
        }
        int agreeing = 0;
        for (int i = 0; i < MinHasher.HASHES; i++) {
            if (minima[i] == other.minima[i]) {
                agreeing++;
            }
        }
        return (double) agreeing / MinHasher.HASHES;
    }

    /** The key of one band: all its rows' (compact) minima hashed together with the band's number. */
    public int bandKey(int band) {
        return bandKey(compact(), band);
    }

    static int bandKey(short[] compact, int band) {
        long hash = band;
        for (int row = 0; row < MinHasher.ROWS; row++) {
            hash = MinHasher.mix(hash * 31 + compact[band * MinHasher.ROWS + row]);
        }
        return (int) hash;
    }

    /**
     * The low 16 bits of each minimum, as the index stores them: two different minima agree there by chance once in
     * 65,536, which moves an estimated similarity by less than 0.0001, and halves the index's memory.
     */
    short[] compact() {
        short[] compact = new short[MinHasher.HASHES];
        for (int i = 0; i < MinHasher.HASHES; i++) {
            compact[i] = (short) minima[i];
        }
        return compact;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MinHashSignature that && empty == that.empty && Arrays.equals(minima, that.minima);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(minima);
    }
}

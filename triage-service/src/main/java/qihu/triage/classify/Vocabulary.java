package qihu.triage.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The features a model knows, each with its inverse document frequency; turns a text's features into an L2-normalised
 * TF-IDF vector (sublinear term frequency, 1 + ln tf). Features are numbered in sorted order, so training on the same
 * data always numbers them the same.
 */
public final class Vocabulary {

    private final String[] features;
    private final float[] idf;
    // open addressing from feature hash to feature index + 1 (0 = empty), at most half full
    private final long[] hashes;
    private final int[] slots;

    Vocabulary(String[] features, float[] idf) {
        this.features = features;
        this.idf = idf;
        int capacity = Integer.highestOneBit(Math.max(16, features.length * 2)) << 1;
        this.hashes = new long[capacity];
        this.slots = new int[capacity];
        for (int i = 0; i < features.length; i++) {
            long hash = FeatureHash.of(features[i]);
            int at = probe(hash);
            if (slots[at] != 0) {
                throw new IllegalStateException(
                        "two features share a hash: " + features[slots[at] - 1] + ", " + features[i]);
            }
            hashes[at] = hash;
            slots[at] = i + 1;
        }
    }

    private int probe(long hash) {
        int mask = hashes.length - 1;
        int at = (int) (hash ^ (hash >>> 32)) & mask;
        while (slots[at] != 0 && hashes[at] != hash) {
            at = (at + 1) & mask;
        }
        return at;
    }

    /** The index of the feature with this hash, or -1. */
    int indexOf(long hash) {
        return slots[probe(hash)] - 1;
    }

    /** Keeps features seen in at least {@code minDocuments} documents. */
    static Vocabulary build(List<List<String>> documents, int minDocuments) {
        Map<String, Integer> documentFrequency = new TreeMap<>();
        for (List<String> document : documents) {
            for (String feature : new java.util.HashSet<>(document)) {
                documentFrequency.merge(feature, 1, Integer::sum);
            }
        }
        int kept = (int) documentFrequency.values().stream()
                .filter(df -> df >= minDocuments)
                .count();
        String[] features = new String[kept];
        float[] idf = new float[kept];
        int i = 0;
        for (Map.Entry<String, Integer> entry : documentFrequency.entrySet()) {
            if (entry.getValue() >= minDocuments) {
                features[i] = entry.getKey();
                idf[i] = (float) (Math.log((1.0 + documents.size()) / (1.0 + entry.getValue())) + 1);
                i++;
            }
        }
        return new Vocabulary(features, idf);
    }

    public int size() {
        return features.length;
    }

    String feature(int i) {
        return features[i];
    }

    float idf(int i) {
        return idf[i];
    }

    /** The TF-IDF vector of a text's features; features the vocabulary does not know are ignored. */
    SparseVector vectorize(List<String> textFeatures) {
        long[] featureHashes = new long[textFeatures.size()];
        for (int i = 0; i < featureHashes.length; i++) {
            featureHashes[i] = FeatureHash.of(textFeatures.get(i));
        }
        return vectorize(featureHashes, featureHashes.length);
    }

    /** The same from feature hashes, the first {@code length} of {@code featureHashes}. */
    SparseVector vectorize(long[] featureHashes, int length) {
        int[] found = new int[length];
        int count = 0;
        for (int k = 0; k < length; k++) {
            int i = indexOf(featureHashes[k]);
            if (i >= 0) {
                found[count++] = i;
            }
        }
        Arrays.sort(found, 0, count);
        int distinct = 0;
        for (int k = 0; k < count; k++) {
            if (k == 0 || found[k] != found[k - 1]) {
                distinct++;
            }
        }
        int[] indices = new int[distinct];
        float[] values = new float[distinct];
        double norm = 0;
        int d = -1;
        int run = 0;
        for (int k = 0; k <= count; k++) {
            if (k < count && k > 0 && found[k] == found[k - 1]) {
                run++;
                continue;
            }
            if (d >= 0) {
                values[d] = (float) ((1 + Math.log(run)) * idf[indices[d]]);
                norm += values[d] * values[d];
            }
            if (k < count) {
                indices[++d] = found[k];
                run = 1;
            }
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < values.length; j++) {
                values[j] *= scale;
            }
        }
        return new SparseVector(indices, values);
    }
}

package qihu.triage.classify;

/**
 * A 64-bit FNV-1a hash of a feature's text, computed from its parts without building the string: the vocabulary
 * stores the hash of each feature string ("w:退税", "b:出口_退税", "c:退税"), a text's features are hashed from its
 * terms and characters as they are. Two different features of one model share a hash with probability about
 * n² / 2⁶⁵, for a vocabulary of n = 200,000 one in a billion.
 */
final class FeatureHash {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    static long of(String feature) {
        return new FeatureHash().add(feature).value();
    }

    FeatureHash reset() {
        hash = OFFSET;
        return this;
    }

    FeatureHash add(char c) {
        hash = (hash ^ c) * PRIME;
        return this;
    }

    FeatureHash add(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * PRIME;
        }
        return this;
    }

    FeatureHash add(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            hash = (hash ^ text.charAt(i)) * PRIME;
        }
        return this;
    }

    long value() {
        return hash;
    }
}

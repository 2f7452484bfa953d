package qihu.triage.dedup;

import java.text.Normalizer;

/**
 * Reduces a request text to what identifies the problem: full-width and half-width forms unified (NFKC), case folded,
 * whitespace and punctuation (Chinese and Latin) dropped. Two texts that differ only in those are the same text.
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    public static String normalize(String text) {
        String unified = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        StringBuilder kept = new StringBuilder(unified.length());
        unified.codePoints().filter(cp -> Character.isLetterOrDigit(cp)).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}

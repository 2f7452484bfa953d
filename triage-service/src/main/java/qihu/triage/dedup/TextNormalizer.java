package qihu.triage.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reduces a request text to what identifies the problem: full-width and half-width forms unified (NFKC), case folded,
 * whitespace and punctuation (Chinese and Latin) dropped. Two texts that differ only in those are the same text.
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    public static String normalize(String text) {
        String unified = unify(text);
        StringBuilder kept = new StringBuilder(unified.length());
        unified.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /**
     * The text cut into normalised clauses at clause punctuation (，。；：！？、 and their Latin forms, line breaks).
     * Other punctuation (brackets, quotes, the dot in "大卫·马查多") and whitespace do not cut: between Chinese
     * characters they are dropped, so a text a third party already split into words ("办理 房产证") reads as the raw
     * text; next to Latin letters or digits they become a single space that keeps the words apart ("no 12", "6 2").
     * Punctuation between two digits ("6:2", "59.6") never cuts a clause.
     */
    public static List<String> clauses(String text) {
        String unified = unify(text);
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean pendingSeparator = false;
        int length = unified.length();
        int i = 0;
        while (i < length) {
            int cp = unified.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSeparator && clause.length() > 0 && !(isHan(lastOf(clause)) && isHan(cp))) {
                    clause.append(' ');
                }
                pendingSeparator = false;
                clause.appendCodePoint(cp);
            } else if (cutsClause(cp) && !betweenDigits(clause, unified, next)) {
                flush(clause, clauses);
                pendingSeparator = false;
            } else {
                pendingSeparator = true;
            }
            i = next;
        }
        flush(clause, clauses);
        return clauses;
    }

    private static final String CLAUSE_PUNCTUATION = "，,。.；;：:！!？?、\n\r";

    private static boolean cutsClause(int codePoint) {
        return CLAUSE_PUNCTUATION.indexOf(codePoint) >= 0;
    }

    private static boolean betweenDigits(StringBuilder clause, String text, int next) {
        return clause.length() > 0
                && Character.isDigit(lastOf(clause))
                && next < text.length()
                && Character.isDigit(text.codePointAt(next));
    }

    private static int lastOf(StringBuilder clause) {
        return clause.codePointBefore(clause.length());
    }

    /**
     * A Chinese character (CJK unified ideographs and their extensions, compatibility ideographs, 〇). A range check
     * rather than {@link Character.UnicodeScript#of}, which searches a table and is called for every character.
     */
    public static boolean isHan(int codePoint) {
        return (codePoint >= 0x4E00 && codePoint <= 0x9FFF)
                || (codePoint >= 0x3400 && codePoint <= 0x4DBF)
                || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
                || (codePoint >= 0x20000 && codePoint <= 0x323AF)
                || codePoint == 0x3007;
    }

    /**
     * NFKC and lower case. Request text is Chinese characters, ASCII and full-width forms, which a char loop maps
     * itself; a text with any other character goes through {@link Normalizer} (several times slower).
     */
    static String unify(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out[i] = (char) (c + ('a' - 'A'));
            } else if (c >= 0x20 && c < 0x7F || c >= 0x4E00 && c <= 0x9FFF || isStableCjkPunctuation(c)) {
                out[i] = c;
            } else if (c >= 0xFF01 && c <= 0xFF5E) {
                char ascii = (char) (c - 0xFEE0);
                out[i] = ascii >= 'A' && ascii <= 'Z' ? (char) (ascii + ('a' - 'A')) : ascii;
            } else if (c == 0x3000) {
                out[i] = ' ';
            } else if (c == '\n' || c == '\r' || c == '\t') {
                out[i] = c;
            } else {
                return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            }
        }
        return new String(out);
    }

    /** CJK punctuation that NFKC leaves as it is: 、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛 and the like. */
    private static boolean isStableCjkPunctuation(char c) {
        return c >= 0x3001 && c <= 0x303F && c != 0x3036 && (c < 0x3038 || c > 0x303A);
    }

    private static void flush(StringBuilder clause, List<String> clauses) {
        if (clause.length() > 0) {
            clauses.add(clause.toString());
            clause.setLength(0);
        }
    }
}

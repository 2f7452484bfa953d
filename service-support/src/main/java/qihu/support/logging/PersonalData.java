package qihu.support.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in text bound for the logs: mainland mobile numbers, landline numbers with their area code, and
 * 18-character resident ID numbers (居民身份证号). What stays visible is enough to tell two values apart when reading
 * a log, never enough to call or identify someone. Errs on the side of masking: a mistyped ID number is still one.
 */
public final class PersonalData {

    /** 11 digits starting 13–19, optionally +86; not part of a longer number. */
    private static final Pattern MOBILE =
            Pattern.compile("(?<![0-9])((?:\\+?86[- ]?)?1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])");

    /** Area code 0xx or 0xxx, a dash, 7 or 8 digits (0579-85123456). */
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])(0[0-9]{2,3}-)([0-9]{3,4})([0-9]{4})(?![0-9])");

    /**
     * Region (6 digits), birth date (yyyyMMdd), sequence (3) and check character. The date part keeps credit codes
     * (统一社会信用代码, also 18 characters) out: their characters 7 to 14 are no birth date.
     */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])([1-9][0-9]{5})((?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))([0-9]{3})([0-9Xx])(?![0-9A-Za-z])");

    private PersonalData() {}

    public static String mask(String text) {
        if (text == null || text.length() < 11 || !containsDigitRun(text)) {
            return text;
        }
        String masked = replace(ID_NUMBER, text, m -> m.group(1) + "*".repeat(11) + m.group(4));
        masked = replace(MOBILE, masked, m -> m.group(1) + "****" + m.group(3));
        return replace(LANDLINE, masked, m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
    }

    private interface Replacement {
        String of(Matcher match);
    }

    private static String replace(Pattern pattern, String text, Replacement replacement) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.of(matcher)));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** Cheap pre-check: every pattern needs at least seven digits in a row. */
    private static boolean containsDigitRun(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = Character.isDigit(text.charAt(i)) ? run + 1 : 0;
            if (run >= 7) {
                return true;
            }
        }
        return false;
    }
}

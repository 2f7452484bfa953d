package qihu.intake.enterprise;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Enterprise names as compared for an exact match: channels type the same registered name with full-width or
 * half-width brackets and letters, stray spaces, or Latin letters in either case ("ＡＢＣ（义乌）有限公司" is
 * "abc(义乌)有限公司"). Nothing more is forgiven: a similar name is not the same enterprise.
 */
public final class EnterpriseNames {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");

    private EnterpriseNames() {}

    public static String normalise(String name) {
        String halfWidth = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return SPACES.matcher(halfWidth).replaceAll("").toLowerCase(Locale.ROOT);
    }
}

package qihu.evaluation.feedback;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * The signed rating link ({@code qihu.evaluation.feedback.*}).
 *
 * @param linkSecret the HMAC key of rating tokens, at least 32 characters; rotate it and outstanding links stop
 *     working
 * @param linkValidity how long a link stays valid after the answer: a whole number of working days (e.g. {@code 5},
 *     ending 23:59:59 of that working day on the official calendar) or a duration ({@code 240h}, {@code P10D})
 * @param linkBaseUrl where enterprises reach evaluation's rating endpoint from outside
 * @param requireToken whether a rating without a token is refused (only tests of other concerns turn it off)
 */
@ConfigurationProperties("qihu.evaluation.feedback")
public record RatingLinkProperties(
        String linkSecret,
        @DefaultValue("5") String linkValidity,
        @DefaultValue("http://localhost:18084") URI linkBaseUrl,
        @DefaultValue("true") boolean requireToken) {

    static final int MIN_SECRET_LENGTH = 32;

    public RatingLinkProperties {
        if (linkSecret == null || linkSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "qihu.evaluation.feedback.link-secret must be set, at least " + MIN_SECRET_LENGTH + " characters");
        }
        validity(linkValidity);
    }

    byte[] secret() {
        return linkSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Working days when the validity is a whole number, else null. */
    Integer validityWorkingDays() {
        return validity(linkValidity) instanceof Integer days ? days : null;
    }

    /** The validity as a duration when it is one, else null. */
    Duration validityDuration() {
        return validity(linkValidity) instanceof Duration d ? d : null;
    }

    private static Object validity(String value) {
        if (value.strip().matches("\\d+")) {
            return Integer.valueOf(value.strip());
        }
        try {
            return DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("qihu.evaluation.feedback.link-validity must be working days (5) or a"
                    + " duration (240h, P10D), not " + value);
        }
    }
}

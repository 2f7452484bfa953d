package qihu.evaluation.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The validity of a rating link in working days or as a duration, and what a link grants. */
class RatingLinkIssuerTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-characters";
    private static final FeedbackProperties FEEDBACK =
            new FeedbackProperties(2, 5, java.time.ZoneId.of("Asia/Shanghai"), java.time.Duration.ofMinutes(1));

    private static RatingLinkIssuer issuer(String validity) {
        return new RatingLinkIssuer(
                new RatingLinkProperties(SECRET, validity, URI.create("https://pingjia.example/"), true), FEEDBACK);
    }

    private static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    @Test
    void workingDaysEndWithTheLastWorkingDayAndSkipTheNationalDayHolidays() {
        // Answered Monday 28 September 2026: Tuesday 29th and Wednesday 30th count, 1–7 October are the National Day
        // holidays, so the 3rd working day after is Thursday 8 October.
        RatingLinkIssuer.Issued issued = issuer("3").issue("case-1", 1, at("2026-09-28T10:00:00"));

        assertThat(issued.expiresAt()).isEqualTo(at("2026-10-08T23:59:59"));
        assertThat(issued.link())
                .isEqualTo("https://pingjia.example/api/v1/cases/case-1/feedback?token=" + issued.token());
    }

    @Test
    void aDurationIsCountedOnTheClock() {
        RatingLinkIssuer.Issued issued = issuer("48h").issue("case-1", 2, at("2026-11-20T10:00:00"));

        assertThat(issued.expiresAt()).isEqualTo(at("2026-11-22T10:00:00"));
        RatingLinks.Verdict verdict = issuer("48h").verify(issued.token(), "case-1", at("2026-11-22T10:00:00"));
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.grant().round()).isEqualTo(2);
        assertThat(issuer("48h")
                        .verify(issued.token(), "case-1", at("2026-11-22T10:00:01"))
                        .refusal())
                .isEqualTo(RatingLinks.Refusal.EXPIRED);
        assertThat(issuer("48h")
                        .verify(issued.token(), "case-2", at("2026-11-21T10:00:00"))
                        .refusal())
                .isEqualTo(RatingLinks.Refusal.OTHER_CASE);
        assertThat(issuer("48h")
                        .verify(issued.token() + "x", "case-1", at("2026-11-21T10:00:00"))
                        .refusal())
                .isEqualTo(RatingLinks.Refusal.FORGED);
    }

    @Test
    void aShortSecretOrAnUnreadableValidityStopsTheStart() {
        assertThatThrownBy(() -> new RatingLinkProperties("short", "5", URI.create("http://x"), true))
                .hasMessageContaining("link-secret");
        assertThatThrownBy(() -> new RatingLinkProperties(SECRET, "five days", URI.create("http://x"), true))
                .hasMessageContaining("link-validity");
    }
}

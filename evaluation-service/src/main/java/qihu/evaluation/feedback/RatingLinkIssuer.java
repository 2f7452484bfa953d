package qihu.evaluation.feedback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;

/** Issues and checks the signed rating links sent to the enterprise with an answer. */
@Component
public class RatingLinkIssuer {

    private final RatingLinks links;
    private final RatingLinkProperties properties;
    private final DeadlineCalculator deadlines;

    public RatingLinkIssuer(RatingLinkProperties properties, FeedbackProperties feedback) {
        this.links = new RatingLinks(properties.secret());
        this.properties = properties;
        this.deadlines = new DeadlineCalculator(WorkingDayCalendar.bundled(), feedback.zone());
    }

    /** A link for rating one round answered at {@code answeredAt}. */
    public record Issued(String token, String link, Instant expiresAt) {}

    public Issued issue(String caseId, int round, Instant answeredAt) {
        Instant expiresAt = expiry(answeredAt);
        String token = links.sign(caseId, round, expiresAt);
        String link = properties.linkBaseUrl().toString().replaceAll("/+$", "")
                + "/api/v1/cases/" + URLEncoder.encode(caseId, StandardCharsets.UTF_8) + "/feedback?token="
                + token;
        return new Issued(token, link, expiresAt);
    }

    public RatingLinks.Verdict verify(String token, String caseId, Instant now) {
        return links.verify(token, caseId, now);
    }

    public boolean tokenRequired() {
        return properties.requireToken();
    }

    private Instant expiry(Instant answeredAt) {
        Duration duration = properties.validityDuration();
        if (duration != null) {
            return answeredAt.plus(duration);
        }
        int workingDays = properties.validityWorkingDays();
        try {
            return deadlines.deadlineInstant(answeredAt, workingDays);
        } catch (CalendarNotLoadedException e) {
            // Past the loaded calendar: weekends alone make two calendar days per working day a safe upper bound,
            // and a link must expire at some point.
            return answeredAt.plus(Duration.ofDays(2L * workingDays));
        }
    }
}

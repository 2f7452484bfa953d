package qihu.evaluation.feedback;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;

/** How long an enterprise has to rate an answer: a number of working days after it, on the official calendar. */
@Component
public class RatingWindow {

    private static final Logger log = LoggerFactory.getLogger(RatingWindow.class);

    private final DeadlineCalculator deadlines;
    private final int workingDays;

    public RatingWindow(FeedbackProperties properties) {
        this.deadlines = new DeadlineCalculator(WorkingDayCalendar.bundled(), properties.zone());
        this.workingDays = properties.ratingWindowWorkingDays();
    }

    /** The end of the window for an answer given at {@code answeredAt}; null rather than a guess past the calendar. */
    public Instant endFor(Instant answeredAt) {
        try {
            return deadlines.deadlineInstant(answeredAt, workingDays);
        } catch (CalendarNotLoadedException e) {
            log.warn("no rating window for an answer of {}: {}", answeredAt, e.getMessage());
            return null;
        }
    }
}

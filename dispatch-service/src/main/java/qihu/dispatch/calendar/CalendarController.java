package qihu.dispatch.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;
import qihu.support.web.InvalidInputException;

/** Deadline arithmetic on the official working-day calendar, for people and other systems to check. */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

    private static final int MAX_WORKING_DAYS = 366;

    private final DeadlineCalculator deadlines;

    public CalendarController(DeadlineCalculator deadlines) {
        this.deadlines = deadlines;
    }

    public record DeadlineView(OffsetDateTime received, int workingDays, OffsetDateTime deadline) {}

    @GetMapping("/deadline")
    public DeadlineView deadline(@RequestParam String received, @RequestParam int workingDays) {
        if (workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
            throw new InvalidInputException("workingDays", "must be between 1 and " + MAX_WORKING_DAYS);
        }
        // An unencoded "+08:00" in a query string arrives as " 08:00".
        Instant at = parseInstant(received.replace(' ', '+'));
        try {
            ZonedDateTime due = deadlines.deadline(at, workingDays);
            return new DeadlineView(
                    at.atZone(deadlines.zone()).toOffsetDateTime(), workingDays, due.toOffsetDateTime());
        } catch (CalendarNotLoadedException e) {
            throw new InvalidInputException("received", e.getMessage());
        }
    }

    private Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(deadlines.zone()).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(deadlines.zone()).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new InvalidInputException(
                            "received", "must be an ISO-8601 date-time such as 2026-02-13T10:00:00+08:00");
                }
            }
        }
    }
}

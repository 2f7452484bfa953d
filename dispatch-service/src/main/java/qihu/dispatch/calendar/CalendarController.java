package qihu.dispatch.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;

/** Deadline arithmetic on the official working-day calendar, for people and other systems to check. */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

    private static final int MAX_WORKING_DAYS = 366;
    private static final String RECEIVED_FORMAT = "an ISO-8601 date-time such as 2026-02-13T10:00:00+08:00";

    private final DeadlineCalculator deadlines;

    public CalendarController(DeadlineCalculator deadlines) {
        this.deadlines = deadlines;
    }

    public record DeadlineView(OffsetDateTime received, int workingDays, OffsetDateTime deadline) {}

    /**
     * Both parameters are read as text and checked here, so that a missing or unreadable one is answered with a
     * problem naming it (the generic conversion error would only name the request).
     */
    @GetMapping("/deadline")
    public DeadlineView deadline(
            @RequestParam(required = false) String received, @RequestParam(required = false) String workingDays) {
        List<FieldViolation> violations = new ArrayList<>();
        Integer days = parseWorkingDays(workingDays, violations);
        if (received == null || received.isBlank()) {
            violations.add(new FieldViolation("received", "is required: " + RECEIVED_FORMAT));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        // An unencoded "+08:00" in a query string arrives as " 08:00".
        Instant at = parseInstant(received.replace(' ', '+'));
        try {
            ZonedDateTime due = deadlines.deadline(at, days);
            return new DeadlineView(at.atZone(deadlines.zone()).toOffsetDateTime(), days, due.toOffsetDateTime());
        } catch (CalendarNotLoadedException e) {
            throw new InvalidInputException("received", e.getMessage());
        }
    }

    private static Integer parseWorkingDays(String text, List<FieldViolation> violations) {
        String rule = "a whole number between 1 and " + MAX_WORKING_DAYS;
        if (text == null || text.isBlank()) {
            violations.add(new FieldViolation("workingDays", "is required: " + rule));
            return null;
        }
        try {
            int days = Integer.parseInt(text.strip());
            if (days >= 1 && days <= MAX_WORKING_DAYS) {
                return days;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        violations.add(new FieldViolation("workingDays", "must be " + rule));
        return null;
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
                    throw new InvalidInputException("received", "must be " + RECEIVED_FORMAT);
                }
            }
        }
    }
}

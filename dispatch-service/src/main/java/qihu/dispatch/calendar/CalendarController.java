package qihu.dispatch.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.Action;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deadline arithmetic on the official working-day calendar, for people and other systems to check (open to all), and
 * its administration: loading a new year and the audit of loads (admins only).
 */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

    private static final int MAX_WORKING_DAYS = 366;
    private static final String RECEIVED_FORMAT = "an ISO-8601 date-time such as 2026-02-13T10:00:00+08:00";

    private final CalendarHolder calendar;
    private final CalendarYears years;

    public CalendarController(CalendarHolder calendar, CalendarYears years) {
        this.calendar = calendar;
        this.years = years;
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
            DeadlineCalculator deadlines = calendar.get();
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
                return LocalDateTime.parse(text).atZone(calendar.get().zone()).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text)
                            .atStartOfDay(calendar.get().zone())
                            .toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new InvalidInputException("received", "must be " + RECEIVED_FORMAT);
                }
            }
        }
    }

    /** Loads a new year's holiday file (holiday-cn format); open deadlines are recomputed. Admins only. */
    @PutMapping(path = "/years/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<CalendarYears.Loaded> loadYear(
            @PathVariable int year, @RequestBody String holidayFile, @AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_CALENDAR);
        return years.load(year, holidayFile, who.who());
    }

    public record CoveredYears(List<Integer> years) {}

    @GetMapping("/years")
    public CoveredYears coveredYears() {
        return new CoveredYears(List.copyOf(calendar.calendar().coveredYears()));
    }

    @GetMapping("/audit")
    public Flux<CalendarAudit> audit(@AuthenticationPrincipal Access who) {
        who.require(Action.ADMINISTER_CALENDAR);
        return years.audit();
    }
}

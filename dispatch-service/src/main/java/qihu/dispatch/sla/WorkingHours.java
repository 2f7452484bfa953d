package qihu.dispatch.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.function.Supplier;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;

/**
 * Office hours (办公时间) on the official working days, e.g. 08:30–17:30 in Asia/Shanghai: when people may be told
 * about a warning or an escalation (timers fire on time, notices wait), and how working time is counted for the claim
 * timeout (a task assigned at 17:00 on a Friday with a four-hour timeout is due for its claim at 11:30 on Monday).
 */
public final class WorkingHours {

    private final Supplier<DeadlineCalculator> calendar;
    private final LocalTime opens;
    private final LocalTime closes;

    public WorkingHours(Supplier<DeadlineCalculator> calendar, LocalTime opens, LocalTime closes) {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("working hours must open before they close: " + opens + "–" + closes);
        }
        this.calendar = calendar;
        this.opens = opens;
        this.closes = closes;
    }

    /**
     * The first moment at or after {@code at} within working hours: {@code at} itself during them, else the next
     * opening. A moment beyond the loaded calendar years is returned as it is: a notice is better early than lost.
     */
    public Instant noticeAt(Instant at) {
        try {
            return nextOpen(at).toInstant();
        } catch (CalendarNotLoadedException beyondLoadedYears) {
            return at;
        }
    }

    /**
     * {@code from} plus {@code workingTime}, counting only time within working hours.
     *
     * @throws CalendarNotLoadedException when the result lies beyond the loaded calendar years
     */
    public Instant plusWorkingTime(Instant from, Duration workingTime) {
        ZonedDateTime at = nextOpen(from);
        Duration remaining = workingTime;
        while (true) {
            Duration leftToday = Duration.between(at, at.with(closes));
            if (remaining.compareTo(leftToday) <= 0) {
                return at.plus(remaining).toInstant();
            }
            remaining = remaining.minus(leftToday);
            at = opening(calendar.get().calendar().nthWorkingDayAfter(at.toLocalDate(), 1));
        }
    }

    private ZonedDateTime nextOpen(Instant at) {
        DeadlineCalculator deadlines = calendar.get();
        ZonedDateTime local = at.atZone(deadlines.zone());
        LocalDate day = local.toLocalDate();
        if (deadlines.calendar().isWorkingDay(day)) {
            LocalTime time = local.toLocalTime();
            if (time.isBefore(opens)) {
                return opening(day);
            }
            if (time.isBefore(closes)) {
                return local;
            }
        }
        return opening(deadlines.calendar().nthWorkingDayAfter(day, 1));
    }

    private ZonedDateTime opening(LocalDate day) {
        return day.atTime(opens).atZone(calendar.get().zone());
    }
}

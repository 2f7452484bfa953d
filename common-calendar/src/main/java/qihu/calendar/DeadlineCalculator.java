package qihu.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Handling deadline (办理时限) of a case: the end (23:59:59) of the N-th working day after the day the case was
 * received. The day of receipt is not counted, whatever time the case arrived; the receipt date is taken in the
 * service centre's time zone (Asia/Shanghai by default), so a case arriving at 00:30 Saturday Beijing time counts
 * from Saturday even though it is still Friday in UTC.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeadlineCalculator {

    /** China Standard Time, the zone the official calendar is defined in. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Deadlines fall at the end of the day, to the second. */
    public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private final WorkingDayCalendar calendar;
    private final ZoneId zone;

    /** A calculator in Asia/Shanghai. */
    public DeadlineCalculator(WorkingDayCalendar calendar) {
        this(calendar, SHANGHAI);
    }

    public DeadlineCalculator(WorkingDayCalendar calendar, ZoneId zone) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * The deadline of a case received at {@code received} with {@code workingDays} working days to handle it.
     *
     * @throws IllegalArgumentException if {@code workingDays < 1}
     * @throws CalendarNotLoadedException if the receipt date or the deadline lies outside the loaded years
     */
    public ZonedDateTime deadline(Instant received, int workingDays) {
        return deadline(receiptDate(received), workingDays);
    }

    /** The deadline of a case received on {@code receivedOn} (a date in this calculator's zone). */
    public ZonedDateTime deadline(LocalDate receivedOn, int workingDays) {
        return ZonedDateTime.of(calendar.nthWorkingDayAfter(receivedOn, workingDays), END_OF_DAY, zone);
    }

    /** {@link #deadline(Instant, int)} as an instant, e.g. for storage. */
    public Instant deadlineInstant(Instant received, int workingDays) {
        return deadline(received, workingDays).toInstant();
    }

    /** The date on which {@code received} falls in this calculator's zone. */
    public LocalDate receiptDate(Instant received) {
        return LocalDate.ofInstant(received, zone);
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    public ZoneId zone() {
        return zone;
    }
}

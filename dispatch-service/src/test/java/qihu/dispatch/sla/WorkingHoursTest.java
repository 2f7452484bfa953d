package qihu.dispatch.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;

class WorkingHoursTest {

    private final WorkingHours hours = new WorkingHours(
            () -> new DeadlineCalculator(WorkingDayCalendar.bundled()), LocalTime.of(8, 30), LocalTime.of(17, 30));

    @ParameterizedTest(name = "{0} → notice at {1}")
    @CsvSource({
        // Within working hours: at once.
        "2026-11-25T10:00:00+08:00, 2026-11-25T10:00:00+08:00",
        "2026-11-25T08:30:00+08:00, 2026-11-25T08:30:00+08:00",
        // Before opening: the same morning.
        "2026-11-25T06:59:00+08:00, 2026-11-25T08:30:00+08:00",
        // A deadline turning red at the end of Wednesday: Thursday morning.
        "2026-11-25T23:59:59+08:00, 2026-11-26T08:30:00+08:00",
        // At closing time: the next working morning.
        "2026-11-25T17:30:00+08:00, 2026-11-26T08:30:00+08:00",
        // Friday night and the weekend: Monday.
        "2026-11-27T23:59:59+08:00, 2026-11-30T08:30:00+08:00",
        "2026-11-29T11:00:00+08:00, 2026-11-30T08:30:00+08:00",
        // Spring Festival 2026: off from Sunday 15 to Monday 23 February; Saturday 14 and 28 are make-up working days.
        "2026-02-13T20:00:00+08:00, 2026-02-14T08:30:00+08:00",
        "2026-02-14T18:00:00+08:00, 2026-02-24T08:30:00+08:00",
        "2026-02-27T18:00:00+08:00, 2026-02-28T08:30:00+08:00",
        // National Day 2026: 1-7 October off, Thursday the 8th the first working day after it.
        "2026-09-30T17:45:00+08:00, 2026-10-08T08:30:00+08:00",
        // UTC input: 2026-11-27T16:00Z is Saturday 00:00 in Shanghai.
        "2026-11-27T16:00:00Z,      2026-11-30T08:30:00+08:00",
    })
    void noticesWaitForTheNextWorkingHour(String at, String noticeAt) {
        assertThat(hours.noticeAt(instant(at))).isEqualTo(instant(noticeAt));
    }

    @ParameterizedTest(name = "{0} + {1} of working time → {2}")
    @CsvSource({
        "2026-11-25T10:00:00+08:00, PT4H,  2026-11-25T14:00:00+08:00",
        // Up to closing time exactly.
        "2026-11-25T13:30:00+08:00, PT4H,  2026-11-25T17:30:00+08:00",
        // Friday 16:30: one hour on Friday, three on Monday.
        "2026-11-27T16:30:00+08:00, PT4H,  2026-11-30T11:30:00+08:00",
        // Assigned at night: counted from the next opening.
        "2026-11-25T22:00:00+08:00, PT4H,  2026-11-26T12:30:00+08:00",
        // A full working day of nine hours and one more hour.
        "2026-11-25T08:30:00+08:00, PT10H, 2026-11-26T09:30:00+08:00",
        // Over the National Day holiday.
        "2026-09-30T16:00:00+08:00, PT4H,  2026-10-08T11:00:00+08:00",
    })
    void theClaimTimeoutCountsOnlyWorkingHours(String from, Duration workingTime, String due) {
        assertThat(hours.plusWorkingTime(instant(from), workingTime)).isEqualTo(instant(due));
    }

    @Test
    void beyondTheLoadedYearsANoticeIsNotHeldButATimeoutIsNotGuessed() {
        Instant lastEvening = instant("2026-12-31T20:00:00+08:00");

        assertThat(hours.noticeAt(lastEvening)).isEqualTo(lastEvening);
        assertThatThrownBy(() -> hours.plusWorkingTime(lastEvening, Duration.ofHours(1)))
                .isInstanceOf(CalendarNotLoadedException.class);
    }

    @Test
    void hoursMustOpenBeforeTheyClose() {
        assertThatThrownBy(() -> new WorkingHours(
                        () -> new DeadlineCalculator(WorkingDayCalendar.bundled()),
                        LocalTime.of(17, 30),
                        LocalTime.of(8, 30)))
                .hasMessageContaining("open before");
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}

package qihu.dispatch.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;

class SlaScheduleTest {

    private final SlaSchedule schedule =
            new SlaSchedule(() -> new DeadlineCalculator(WorkingDayCalendar.bundled()), 0.6667, 1, 1);

    @ParameterizedTest(name = "received {0}, {1} working days → yellow {2}, due {3}, 2nd escalation {4}")
    @CsvSource({
        // Monday: day 0 is the 23rd; 24, 25, 26, 27 and (after the weekend) 30 are working days 1-5.
        "2026-11-23T10:00+08:00, 3, 2026-11-25T23:59:59+08:00, 2026-11-26T23:59:59+08:00, 2026-11-27T23:59:59+08:00",
        // 2/3 of 7 is reached on day 5 (before "1 day left" on day 6).
        "2026-11-23T10:00+08:00, 7, 2026-11-30T23:59:59+08:00, 2026-12-02T23:59:59+08:00, 2026-12-03T23:59:59+08:00",
        // A one-day budget is yellow from the end of the day of receipt ("1 working day left").
        "2026-11-27T10:00+08:00, 1, 2026-11-27T23:59:59+08:00, 2026-11-30T23:59:59+08:00, 2026-12-01T23:59:59+08:00",
        // Friday before the Spring Festival: Saturday the 14th is a make-up working day, 15-23 are off.
        "2026-02-13T10:00+08:00, 3, 2026-02-24T23:59:59+08:00, 2026-02-25T23:59:59+08:00, 2026-02-26T23:59:59+08:00",
        // Received late on Friday night, after hours: still Friday's day 0; escalation skips the weekend.
        "2026-11-20T23:30+08:00, 3, 2026-11-24T23:59:59+08:00, 2026-11-25T23:59:59+08:00, 2026-11-26T23:59:59+08:00",
    })
    void coloursChangeAtTheEndOfWorkingDays(
            String received, int workingDays, String yellowAt, String dueAt, String secondEscalationAt) {
        Instant started = OffsetDateTime.parse(received).toInstant();

        assertThat(schedule.warnAt(started, workingDays)).isEqualTo(instant(yellowAt));
        assertThat(schedule.dueAt(started, workingDays)).isEqualTo(instant(dueAt));
        assertThat(schedule.breachAt(started, workingDays, 1)).isEqualTo(instant(dueAt));
        assertThat(schedule.breachAt(started, workingDays, 2)).isEqualTo(instant(secondEscalationAt));
    }

    @Test
    void aLargerWarningShareWarnsLater() {
        SlaSchedule late = new SlaSchedule(() -> new DeadlineCalculator(WorkingDayCalendar.bundled()), 0.9, 0, 2);
        Instant monday = instant("2026-11-23T10:00+08:00");

        assertThat(late.warnAt(monday, 7)).isEqualTo(instant("2026-12-02T23:59:59+08:00"));
        assertThat(late.breachAt(monday, 7, 2)).isEqualTo(instant("2026-12-04T23:59:59+08:00"));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        DeadlineCalculator deadlines = new DeadlineCalculator(WorkingDayCalendar.bundled());
        assertThatThrownBy(() -> new SlaSchedule(() -> deadlines, 0, 1, 1)).hasMessageContaining("warning share");
        assertThatThrownBy(() -> new SlaSchedule(() -> deadlines, 0.5, 1, 0)).hasMessageContaining("escalation");
    }

    private static Instant instant(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }
}

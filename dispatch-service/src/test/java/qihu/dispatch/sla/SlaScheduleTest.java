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
import qihu.events.SlaColour;

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

    @ParameterizedTest(name = "3 working days from Monday 23 November, +{0} extended, {1} paused → yellow {2}, due {3}")
    @CsvSource({
        "0, 0, 2026-11-25T23:59:59+08:00, 2026-11-26T23:59:59+08:00",
        // A pause shifts both points by the days it took.
        "0, 2, 2026-11-27T23:59:59+08:00, 2026-11-30T23:59:59+08:00",
        // An extension enlarges the budget: 2/3 of 5 is day 4, also "1 day left".
        "2, 0, 2026-11-27T23:59:59+08:00, 2026-11-30T23:59:59+08:00",
        // Both: 6 granted days, yellow at day 5 (0.6667 × 6 is just over 4; also "1 day left"), shifted by 1 paused.
        "3, 1, 2026-12-01T23:59:59+08:00, 2026-12-02T23:59:59+08:00",
    })
    void extensionsEnlargeTheBudgetAndPausesShiftIt(int extended, int paused, String yellowAt, String dueAt) {
        Instant monday = instant("2026-11-23T10:00+08:00");
        SlaBudget budget = new SlaBudget(3, extended, paused);

        assertThat(schedule.warnAt(monday, budget)).isEqualTo(instant(yellowAt));
        assertThat(schedule.dueAt(monday, budget)).isEqualTo(instant(dueAt));
        assertThat(schedule.breachAt(monday, budget, 1)).isEqualTo(instant(dueAt));
    }

    @ParameterizedTest(name = "paused {0}, resumed {1} → {2} working days")
    @CsvSource({
        // The same day: nothing lost.
        "2026-11-23T10:00+08:00, 2026-11-23T16:00+08:00, 0",
        // Monday to Wednesday: Tuesday and Wednesday (the day of resuming counts like a day of receipt).
        "2026-11-23T10:00+08:00, 2026-11-25T09:00+08:00, 2",
        // Friday to Monday: only Monday; the weekend was no working time anyway.
        "2026-11-27T15:00+08:00, 2026-11-30T09:00+08:00, 1",
        // Paused on a Saturday, resumed Monday: Monday.
        "2026-11-28T11:00+08:00, 2026-11-30T09:00+08:00, 1",
        // Over the National Day holiday (1-7 October off), 30 September to 9 October: the 8th and the 9th.
        "2026-09-30T10:00+08:00, 2026-10-09T10:00+08:00, 2",
        // Days are Shanghai dates: 01:00 and 23:00 on Monday the 23rd, though the 22nd and the 23rd in UTC.
        "2026-11-22T17:00:00Z,   2026-11-23T15:00:00Z,   0",
    })
    void aPauseTakesTheWorkingDaysAfterItsDayUpToTheDayOfResuming(String paused, String resumed, int days) {
        assertThat(schedule.pausedWorkingDays(instant(paused), instant(resumed)))
                .isEqualTo(days);
    }

    @ParameterizedTest(name = "at {0}: {1}, next point {2}")
    @CsvSource({
        "2026-11-24T10:00+08:00, GREEN,  2026-11-25T23:59:59+08:00",
        "2026-11-25T23:59:59+08:00, YELLOW, 2026-11-26T23:59:59+08:00",
        "2026-11-26T12:00+08:00, YELLOW, 2026-11-26T23:59:59+08:00",
        // Past the deadline: red, the deadline as the next point so that the escalation fires at the next poll.
        "2026-11-27T09:00+08:00, RED,    2026-11-26T23:59:59+08:00",
    })
    void theColourOfAMovedDeadlineIsWhereTheTaskStandsNow(String now, SlaColour colour, String nextAt) {
        Instant monday = instant("2026-11-23T10:00+08:00");

        assertThat(schedule.positionAt(monday, SlaBudget.of(3), instant(now)))
                .isEqualTo(new SlaPosition(colour, instant(nextAt)));
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

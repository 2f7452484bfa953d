package qihu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlineCalculatorTest {

    private final DeadlineCalculator calculator = new DeadlineCalculator(WorkingDayCalendar.bundled());

    @ParameterizedTest(name = "received {0}, {1} working days -> {2}")
    @CsvSource(textBlock = """
            # Spring Festival 2026: Sat 02-14 and Sat 02-28 are make-up days, 02-15..23 off
            2026-02-13T10:00:00+08:00, 3, 2026-02-25T23:59:59+08:00
            2026-02-14T09:00:00+08:00, 3, 2026-02-26T23:59:59+08:00
            2026-02-13T10:00:00+08:00, 7, 2026-03-02T23:59:59+08:00
            # New Year 2026: 01-01..03 off, Sun 01-04 make-up
            2025-12-30T15:00:00+08:00, 3, 2026-01-05T23:59:59+08:00
            2025-12-31T17:45:00+08:00, 3, 2026-01-06T23:59:59+08:00
            2025-12-26T08:00:00+08:00, 7, 2026-01-07T23:59:59+08:00
            # after hours: Friday 23:30 still counts from Friday
            2026-11-20T23:30:00+08:00, 3, 2026-11-25T23:59:59+08:00
            # 16:30Z is Saturday 00:30 in Shanghai: counts from Saturday
            2026-11-20T16:30:00Z,      3, 2026-11-25T23:59:59+08:00
            # Thursday 16:30Z is Friday 00:30 in Shanghai: counts from Friday, not Thursday (11-24)
            2026-11-19T16:30:00Z,      3, 2026-11-25T23:59:59+08:00
            2026-11-19T15:59:59Z,      3, 2026-11-24T23:59:59+08:00
            2026-11-20T10:00:00+08:00, 7, 2026-12-01T23:59:59+08:00
            # National Day + Mid-Autumn 2025: Sun 09-28 make-up, 10-01..08 off, Sat 10-11 make-up
            2025-09-26T11:00:00+08:00, 3, 2025-09-30T23:59:59+08:00
            2025-09-30T11:00:00+08:00, 3, 2025-10-11T23:59:59+08:00
            2025-09-29T11:00:00+08:00, 7, 2025-10-15T23:59:59+08:00
            2025-10-03T11:00:00+08:00, 7, 2025-10-16T23:59:59+08:00
            """)
    void deadline(OffsetDateTime received, int workingDays, OffsetDateTime expected) {
        ZonedDateTime deadline = calculator.deadline(received.toInstant(), workingDays);

        assertThat(deadline.toOffsetDateTime()).isEqualTo(expected);
        assertThat(deadline.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(calculator.deadlineInstant(received.toInstant(), workingDays))
                .isEqualTo(expected.toInstant());
    }

    @Test
    void deadlineIsExactly235959() {
        ZonedDateTime deadline = calculator.deadline(Instant.parse("2026-02-13T02:00:00Z"), 3);

        assertThat(deadline.getNano()).isZero();
        assertThat(deadline.toString()).isEqualTo("2026-02-25T23:59:59+08:00[Asia/Shanghai]");
    }

    @Test
    void receiptDateIsTheShanghaiDate() {
        assertThat(calculator.receiptDate(Instant.parse("2026-11-20T16:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(calculator.receiptDate(Instant.parse("2026-11-20T15:59:59Z")))
                .isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void deadlineFromALocalDate() {
        assertThat(calculator.deadline(LocalDate.of(2026, 2, 13), 3).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-02-25T23:59:59+08:00"));
    }

    @Test
    void refusesUnloadedYearsAndBadN() {
        assertThatThrownBy(() -> calculator.deadline(Instant.parse("2026-12-30T02:00:00Z"), 3))
                .isInstanceOf(CalendarNotLoadedException.class)
                .hasMessageContaining("2027");
        // 2018-12-31T16:30Z is already 2019-01-01 in Shanghai, 2018-12-31T15:00Z is not.
        assertThat(calculator.deadline(Instant.parse("2018-12-31T16:30:00Z"), 1).toLocalDate())
                .isEqualTo(LocalDate.of(2019, 1, 2));
        assertThatThrownBy(() -> calculator.deadline(Instant.parse("2018-12-31T15:00:00Z"), 1))
                .isInstanceOf(CalendarNotLoadedException.class)
                .hasMessageContaining("2018");
        assertThatThrownBy(() -> calculator.deadline(Instant.parse("2026-02-13T02:00:00Z"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesTheNewCalendarAfterAYearIsAdded() {
        HolidayYear synthetic2027 = HolidayYearParser.parse("""
                {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}
                """, "synthetic-2027.json");
        DeadlineCalculator extended =
                new DeadlineCalculator(calculator.calendar().withYear(synthetic2027));

        assertThat(extended.deadline(Instant.parse("2026-12-30T02:00:00Z"), 3).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2027-01-05T23:59:59+08:00"));
    }
}

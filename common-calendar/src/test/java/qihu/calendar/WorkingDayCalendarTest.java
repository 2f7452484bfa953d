package qihu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingDayCalendarTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.bundled();

    /** A made-up 2027 notice: only New Year's Day (a Friday) off. */
    private static final HolidayYear SYNTHETIC_2027 = HolidayYearParser.parse("""
            {"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}
            """, "synthetic-2027.json");

    /**
     * Every day listed in 2025.json and 2026.json (name column filled), plus ordinary weekdays and weekends (name
     * empty). Written out by hand from the State Council notices so a loader bug makes this fail.
     */
    @ParameterizedTest(name = "{0} ({1}) working={2} {3}")
    @CsvSource(textBlock = """
            2025-01-01, WEDNESDAY, false, 元旦
            2025-01-26, SUNDAY,    true,  春节
            2025-01-28, TUESDAY,   false, 春节
            2025-01-29, WEDNESDAY, false, 春节
            2025-01-30, THURSDAY,  false, 春节
            2025-01-31, FRIDAY,    false, 春节
            2025-02-01, SATURDAY,  false, 春节
            2025-02-02, SUNDAY,    false, 春节
            2025-02-03, MONDAY,    false, 春节
            2025-02-04, TUESDAY,   false, 春节
            2025-02-08, SATURDAY,  true,  春节
            2025-04-04, FRIDAY,    false, 清明节
            2025-04-05, SATURDAY,  false, 清明节
            2025-04-06, SUNDAY,    false, 清明节
            2025-04-27, SUNDAY,    true,  劳动节
            2025-05-01, THURSDAY,  false, 劳动节
            2025-05-02, FRIDAY,    false, 劳动节
            2025-05-03, SATURDAY,  false, 劳动节
            2025-05-04, SUNDAY,    false, 劳动节
            2025-05-05, MONDAY,    false, 劳动节
            2025-05-31, SATURDAY,  false, 端午节
            2025-06-01, SUNDAY,    false, 端午节
            2025-06-02, MONDAY,    false, 端午节
            2025-09-28, SUNDAY,    true,  国庆节、中秋节
            2025-10-01, WEDNESDAY, false, 国庆节、中秋节
            2025-10-02, THURSDAY,  false, 国庆节、中秋节
            2025-10-03, FRIDAY,    false, 国庆节、中秋节
            2025-10-04, SATURDAY,  false, 国庆节、中秋节
            2025-10-05, SUNDAY,    false, 国庆节、中秋节
            2025-10-06, MONDAY,    false, 国庆节、中秋节
            2025-10-07, TUESDAY,   false, 国庆节、中秋节
            2025-10-08, WEDNESDAY, false, 国庆节、中秋节
            2025-10-11, SATURDAY,  true,  国庆节、中秋节
            2026-01-01, THURSDAY,  false, 元旦
            2026-01-02, FRIDAY,    false, 元旦
            2026-01-03, SATURDAY,  false, 元旦
            2026-01-04, SUNDAY,    true,  元旦
            2026-02-14, SATURDAY,  true,  春节
            2026-02-15, SUNDAY,    false, 春节
            2026-02-16, MONDAY,    false, 春节
            2026-02-17, TUESDAY,   false, 春节
            2026-02-18, WEDNESDAY, false, 春节
            2026-02-19, THURSDAY,  false, 春节
            2026-02-20, FRIDAY,    false, 春节
            2026-02-21, SATURDAY,  false, 春节
            2026-02-22, SUNDAY,    false, 春节
            2026-02-23, MONDAY,    false, 春节
            2026-02-28, SATURDAY,  true,  春节
            2026-04-04, SATURDAY,  false, 清明节
            2026-04-05, SUNDAY,    false, 清明节
            2026-04-06, MONDAY,    false, 清明节
            2026-05-01, FRIDAY,    false, 劳动节
            2026-05-02, SATURDAY,  false, 劳动节
            2026-05-03, SUNDAY,    false, 劳动节
            2026-05-04, MONDAY,    false, 劳动节
            2026-05-05, TUESDAY,   false, 劳动节
            2026-05-09, SATURDAY,  true,  劳动节
            2026-06-19, FRIDAY,    false, 端午节
            2026-06-20, SATURDAY,  false, 端午节
            2026-06-21, SUNDAY,    false, 端午节
            2026-09-20, SUNDAY,    true,  国庆节
            2026-09-25, FRIDAY,    false, 中秋节
            2026-09-26, SATURDAY,  false, 中秋节
            2026-09-27, SUNDAY,    false, 中秋节
            2026-10-01, THURSDAY,  false, 国庆节
            2026-10-02, FRIDAY,    false, 国庆节
            2026-10-03, SATURDAY,  false, 国庆节
            2026-10-04, SUNDAY,    false, 国庆节
            2026-10-05, MONDAY,    false, 国庆节
            2026-10-06, TUESDAY,   false, 国庆节
            2026-10-07, WEDNESDAY, false, 国庆节
            2026-10-10, SATURDAY,  true,  国庆节
            2025-02-07, FRIDAY,    true,
            2025-03-03, MONDAY,    true,
            2025-03-08, SATURDAY,  false,
            2025-03-09, SUNDAY,    false,
            2025-10-09, THURSDAY,  true,
            2025-10-12, SUNDAY,    false,
            2025-12-31, WEDNESDAY, true,
            2026-01-05, MONDAY,    true,
            2026-02-24, TUESDAY,   true,
            2026-02-27, FRIDAY,    true,
            2026-03-01, SUNDAY,    false,
            2026-06-22, MONDAY,    true,
            2026-10-08, THURSDAY,  true,
            2026-10-11, SUNDAY,    false,
            2026-12-26, SATURDAY,  false,
            2026-12-31, THURSDAY,  true,
            """)
    void knowsEveryListedDayOf2025And2026(LocalDate date, DayOfWeek dayOfWeek, boolean working, String name) {
        assertThat(date.getDayOfWeek()).as("table row is consistent").isEqualTo(dayOfWeek);
        assertThat(CALENDAR.isWorkingDay(date)).isEqualTo(working);
    }

    @Test
    void tableAboveCoversAllListedDaysOf2025And2026() {
        // 33 rows for 2025 and 39 for 2026 carry a holiday name in the table above.
        assertThat(CALENDAR.holidayYears().get(2025).days()).hasSize(33);
        assertThat(CALENDAR.holidayYears().get(2026).days()).hasSize(39);
    }

    @Test
    void springFestival2026() {
        Stream.iterate(LocalDate.of(2026, 2, 15), d -> !d.isAfter(LocalDate.of(2026, 2, 23)), d -> d.plusDays(1))
                .forEach(d ->
                        assertThat(CALENDAR.isWorkingDay(d)).as(d.toString()).isFalse());
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource(textBlock = """
            # Spring Festival 2026: Fri 02-13 -> Sat 02-14 (make-up), then off 02-15..23
            2026-02-13, 1, 2026-02-14
            2026-02-13, 2, 2026-02-24
            2026-02-13, 3, 2026-02-25
            2026-02-14, 3, 2026-02-26
            2026-02-13, 7, 2026-03-02
            2026-02-18, 1, 2026-02-24
            # across New Year 2026: 01-01..03 off, Sun 01-04 make-up
            2025-12-30, 3, 2026-01-05
            2025-12-31, 1, 2026-01-04
            2025-12-31, 3, 2026-01-06
            2025-12-26, 7, 2026-01-07
            # National Day + Mid-Autumn 2025: Sun 09-28 make-up, 10-01..08 off, Sat 10-11 make-up
            2025-09-26, 3, 2025-09-30
            2025-09-30, 3, 2025-10-11
            2025-10-01, 3, 2025-10-11
            2025-09-29, 7, 2025-10-15
            # ordinary weeks; the day itself is never counted even when it is a working day
            2026-11-20, 1, 2026-11-23
            2026-11-20, 3, 2026-11-25
            2026-11-21, 3, 2026-11-25
            2026-11-19, 3, 2026-11-24
            2026-11-20, 7, 2026-12-01
            2026-12-28, 3, 2026-12-31
            # whole loaded range: 2019-01-01 is a holiday, 1994 working days follow up to 2026-12-31
            2019-01-01, 1994, 2026-12-31
            """)
    void nthWorkingDayAfter(LocalDate day, int n, LocalDate expected) {
        assertThat(CALENDAR.nthWorkingDayAfter(day, n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}, {1}] has {2} working days")
    @CsvSource(textBlock = """
            2026-02-13, 2026-02-28, 7
            2026-02-15, 2026-02-23, 0
            2026-02-14, 2026-02-14, 1
            2026-02-15, 2026-02-15, 0
            2025-10-01, 2025-10-08, 0
            2025-09-28, 2025-10-11, 6
            2025-12-29, 2026-01-04, 4
            2025-01-01, 2025-12-31, 248
            2026-01-01, 2026-12-31, 248
            2019-01-01, 2026-12-31, 1994
            """)
    void workingDaysBetweenCountsTheClosedRange(LocalDate from, LocalDate to, int expected) {
        assertThat(CALENDAR.workingDaysBetween(from, to)).isEqualTo(expected);
    }

    @Test
    void workingDaysBetweenRejectsReversedRange() {
        assertThatThrownBy(() -> CALENDAR.workingDaysBetween(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-03-02 is after to 2026-03-01");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nthWorkingDayAfterRejectsNonPositiveN(int n) {
        assertThatThrownBy(() -> CALENDAR.nthWorkingDayAfter(LocalDate.of(2026, 2, 13), n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1, was " + n);
    }

    @Test
    void coversExactlyTheBundledYears() {
        assertThat(CALENDAR.coveredYears()).containsExactly(2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
        assertThat(CALENDAR).hasToString("WorkingDayCalendar[2019–2026]");
    }

    @Test
    void yearsTxtListsEveryBundledYearFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/holiday-cn"))) {
            List<Integer> onDisk = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("\\d{4}\\.json"))
                    .map(name -> Integer.valueOf(name.substring(0, 4)))
                    .sorted()
                    .toList();
            assertThat(WorkingDayCalendar.bundledYears()).isEqualTo(onDisk);
        }
    }

    @Test
    void loadsAFolderOfYearFilesIgnoringOtherFiles() {
        // The resources folder also holds LICENSE, README.md and years.txt.
        WorkingDayCalendar loaded = WorkingDayCalendar.load(Path.of("src/main/resources/holiday-cn"));

        assertThat(loaded.coveredYears()).isEqualTo(CALENDAR.coveredYears());
        assertThat(loaded.workingDaysBetween(LocalDate.of(2019, 1, 1), LocalDate.of(2026, 12, 31)))
                .isEqualTo(1994);
    }

    @ParameterizedTest(name = "{0} is not loaded")
    @CsvSource({"2018-12-31, 2018", "2018-01-01, 2018", "2027-01-01, 2027", "2027-01-04, 2027"})
    void refusesDatesOutsideTheLoadedYears(LocalDate date, int year) {
        // 2019.json lists 2018-12-29..31, but 2018 as a whole is unknown, so even those are refused.
        assertThatThrownBy(() -> CALENDAR.isWorkingDay(date))
                .isInstanceOfSatisfying(
                        CalendarNotLoadedException.class,
                        e -> assertThat(e.year()).isEqualTo(year))
                .hasMessageContaining("year " + year)
                .hasMessageContaining(year + ".json");
        assertThatThrownBy(() -> CALENDAR.nthWorkingDayAfter(date, 1))
                .isInstanceOf(CalendarNotLoadedException.class)
                .hasMessageContaining("year " + year);
    }

    @Test
    void refusesADeadlineThatRunsPastTheLastLoadedYear() {
        assertThatThrownBy(() -> CALENDAR.nthWorkingDayAfter(LocalDate.of(2026, 12, 30), 3))
                .isInstanceOfSatisfying(
                        CalendarNotLoadedException.class,
                        e -> assertThat(e.year()).isEqualTo(2027))
                .hasMessageContaining("2027.json");
        assertThatThrownBy(() -> CALENDAR.nthWorkingDayAfter(LocalDate.of(2019, 1, 1), 1995))
                .isInstanceOf(CalendarNotLoadedException.class);
        assertThatThrownBy(() -> CALENDAR.nthWorkingDayAfter(LocalDate.of(2026, 1, 5), Integer.MAX_VALUE))
                .isInstanceOf(CalendarNotLoadedException.class);
        assertThatThrownBy(() -> CALENDAR.workingDaysBetween(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 10)))
                .isInstanceOfSatisfying(
                        CalendarNotLoadedException.class,
                        e -> assertThat(e.year()).isEqualTo(2027));
        assertThatThrownBy(() -> CALENDAR.workingDaysBetween(LocalDate.of(2018, 12, 1), LocalDate.of(2019, 1, 10)))
                .isInstanceOfSatisfying(
                        CalendarNotLoadedException.class,
                        e -> assertThat(e.year()).isEqualTo(2018));
    }

    @Test
    void withYearAddsANewYearAtRunTime() {
        WorkingDayCalendar extended = CALENDAR.withYear(SYNTHETIC_2027);

        assertThat(extended.coveredYears()).containsExactly(2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027);
        assertThat(extended.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(extended.isWorkingDay(LocalDate.of(2027, 1, 4))).isTrue();
        // Thu 12-31 (1), Fri 01-01 off, weekend, Mon 01-04 (2), Tue 01-05 (3)
        assertThat(extended.nthWorkingDayAfter(LocalDate.of(2026, 12, 30), 3)).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThatThrownBy(() -> extended.isWorkingDay(LocalDate.of(2028, 1, 3)))
                .isInstanceOf(CalendarNotLoadedException.class)
                .hasMessageContaining("2028");
        // the original is immutable
        assertThat(CALENDAR.coveredYears()).doesNotContain(2027);
    }

    @Test
    void aNewYearsFileCanMoveLateDecemberOfThePreviousYear() {
        HolidayYear moves2026Dec31 = new HolidayYear(
                2027,
                List.of(
                        new HolidayDay(LocalDate.of(2026, 12, 31), "synthetic", true),
                        new HolidayDay(LocalDate.of(2027, 1, 1), "元旦", true)));

        WorkingDayCalendar extended = CALENDAR.withYear(moves2026Dec31);

        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(extended.isWorkingDay(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(extended.nthWorkingDayAfter(LocalDate.of(2026, 12, 30), 3)).isEqualTo(LocalDate.of(2027, 1, 6));
    }

    @Test
    void withYearReplacesAYearAlreadyLoaded() {
        WorkingDayCalendar noSpringFestival = CALENDAR.withYear(new HolidayYear(2026, List.of()));

        assertThat(noSpringFestival.coveredYears()).isEqualTo(CALENDAR.coveredYears());
        assertThat(noSpringFestival.isWorkingDay(LocalDate.of(2026, 2, 16))).isTrue();
        assertThat(noSpringFestival.isWorkingDay(LocalDate.of(2026, 2, 14))).isFalse();
    }

    @Test
    void refusesAGapBetweenYears() {
        assertThatThrownBy(() -> CALENDAR.withYear(new HolidayYear(2028, List.of())))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("2027 is missing")
                .hasMessageContaining("2027.json");
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(
                        CALENDAR.holidayYears().get(2024),
                        CALENDAR.holidayYears().get(2026))))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("2025 is missing between 2024 and 2026");
    }

    @Test
    void refusesYearsThatDisagree() {
        HolidayYear y2025 = new HolidayYear(2025, List.of(new HolidayDay(LocalDate.of(2025, 12, 31), "a", true)));
        HolidayYear y2026 = new HolidayYear(2026, List.of(new HolidayDay(LocalDate.of(2025, 12, 31), "b", false)));

        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(y2025, y2026)))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("2025 and 2026 disagree")
                .hasMessageContaining("2025-12-31");
    }

    @Test
    void refusesNoYearsOrAYearTwice() {
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of()))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("no holiday years");
        HolidayYear empty2026 = new HolidayYear(2026, List.of());
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(empty2026, empty2026)))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("2026 given twice");
    }

    @Test
    void aSingleYearWithoutHolidaysIsWeekdaysOnly() {
        WorkingDayCalendar plain = WorkingDayCalendar.of(List.of(new HolidayYear(2026, List.of())));

        assertThat(plain.workingDaysBetween(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .isEqualTo(261);
        assertThat(plain).hasToString("WorkingDayCalendar[2026]");
    }
}

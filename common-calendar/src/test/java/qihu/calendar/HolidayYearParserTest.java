package qihu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HolidayYearParserTest {

    @TempDir
    Path dir;

    @Test
    void readsAHolidayCnFile() {
        HolidayYear year = HolidayYearParser.read(Path.of("src/main/resources/holiday-cn/2026.json"));

        assertThat(year.year()).isEqualTo(2026);
        assertThat(year.days()).hasSize(39);
        assertThat(year.days().get(0)).isEqualTo(new HolidayDay(LocalDate.of(2026, 1, 1), "元旦", true));
        assertThat(year.days()).contains(new HolidayDay(LocalDate.of(2026, 2, 14), "春节", false));
    }

    @Test
    void keepsDaysOfThePreviousYear() {
        HolidayYear year = HolidayYearParser.read(Path.of("src/main/resources/holiday-cn/2019.json"));

        assertThat(year.days().get(0)).isEqualTo(new HolidayDay(LocalDate.of(2018, 12, 29), "元旦", false));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{", "not valid JSON at line 1"),
                Arguments.of("", "top level must be a JSON object"),
                Arguments.of("[]", "top level must be a JSON object"),
                Arguments.of("{\"days\": []}", "\"year\" must be a four-digit number, got nothing (missing)"),
                Arguments.of(
                        "{\"year\": \"2025\", \"days\": []}", "\"year\" must be a four-digit number, got \"2025\""),
                Arguments.of("{\"year\": 25, \"days\": []}", "\"year\" must be a four-digit number, got 25"),
                Arguments.of("{\"year\": 2025}", "\"days\" must be an array, got nothing (missing)"),
                Arguments.of("{\"year\": 2025, \"days\": {}}", "\"days\" must be an array, got {}"),
                Arguments.of("{\"year\": 2025, \"days\": [1]}", "days[0] must be an object, got 1"),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"isOffDay\": true}]}",
                        "days[0].date must be a \"YYYY-MM-DD\" string, got nothing (missing)"),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2025-02-30\", \"isOffDay\": true}]}",
                        "days[0].date is not a valid YYYY-MM-DD date: \"2025-02-30\""),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2025/01/01\", \"isOffDay\": true}]}",
                        "days[0].date is not a valid YYYY-MM-DD date: \"2025/01/01\""),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2025-01-01\", \"isOffDay\": \"yes\"}]}",
                        "days[0].isOffDay must be true or false, got \"yes\""),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2025-01-01\"}]}",
                        "days[0].isOffDay must be true or false, got nothing (missing)"),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2025-01-01\", \"isOffDay\": true, \"name\": 5}]}",
                        "days[0].name must be a string, got 5"),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2030-01-01\", \"isOffDay\": true}]}",
                        "days[0].date 2030-01-01 is not in or next to year 2025"),
                Arguments.of(
                        "{\"year\": 2025, \"days\": [{\"date\": \"2025-01-01\", \"isOffDay\": true},"
                                + " {\"date\": \"2025-01-01\", \"isOffDay\": true}]}",
                        "days[1].date 2025-01-01 is listed twice"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void reportsWhatIsWrongAndWhere(String json, String problem) {
        assertThatThrownBy(() -> HolidayYearParser.parse(json, "test/2025.json"))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageStartingWith("holiday file test/2025.json: ")
                .hasMessageContaining(problem);
    }

    @Test
    void malformedFileOnDiskIsNamedByPath() throws IOException {
        Path file = Files.writeString(dir.resolve("2025.json"), "{\"year\": 2025, \"days\": [{\"date\": 1}]}");

        assertThatThrownBy(() -> HolidayYearParser.read(file))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("days[0].date must be");
        assertThatThrownBy(() -> WorkingDayCalendar.load(dir))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void fileNameMustMatchYear() throws IOException {
        Files.writeString(dir.resolve("2027.json"), "{\"year\": 2026, \"days\": []}");

        assertThatThrownBy(() -> HolidayYearParser.readDirectory(dir))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("2027.json")
                .hasMessageContaining("\"year\" is 2026 but the file name says 2027");
    }

    @Test
    void directoryMustExistAndHoldYearFiles() throws IOException {
        assertThatThrownBy(() -> WorkingDayCalendar.load(dir.resolve("missing")))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("does not exist");
        Files.writeString(dir.resolve("README.md"), "not a year");
        assertThatThrownBy(() -> WorkingDayCalendar.load(dir))
                .isInstanceOf(HolidayDataException.class)
                .hasMessageContaining("has no NNNN.json year files");
    }

    @Test
    void readsADirectoryInYearOrder() throws IOException {
        Files.writeString(dir.resolve("2027.json"), "{\"year\": 2027, \"days\": []}");
        Files.writeString(dir.resolve("2026.json"), "{\"year\": 2026, \"days\": []}");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        assertThat(HolidayYearParser.readDirectory(dir))
                .extracting(HolidayYear::year)
                .containsExactly(2026, 2027);
    }

    @Test
    void recordRejectsInconsistentDays() {
        LocalDate day = LocalDate.of(2025, 1, 1);
        assertThatThrownBy(() ->
                        new HolidayYear(2025, List.of(new HolidayDay(day, "a", true), new HolidayDay(day, "b", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-01-01 twice");
        assertThatThrownBy(() -> new HolidayYear(2025, List.of(new HolidayDay(LocalDate.of(2023, 12, 31), "a", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in or next to 2025");
    }
}

package qihu.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarCliTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CalendarCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] split(String args) {
        return args.isBlank() ? new String[0] : args.trim().split("\\s+");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deadline --received 2026-02-13T10:00:00+08:00 --working-days 3 | 2026-02-25T23:59:59+08:00
            deadline --received 2026-02-13T02:00:00Z --working-days 3      | 2026-02-25T23:59:59+08:00
            deadline --received 2026-02-13T10:00 --working-days 7          | 2026-03-02T23:59:59+08:00
            deadline --received 2026-02-14 --working-days 3                | 2026-02-26T23:59:59+08:00
            deadline --received 2026-11-20T16:30:00Z --working-days 3      | 2026-11-25T23:59:59+08:00
            deadline --received 2026-11-19T23:30 --working-days 3          | 2026-11-24T23:59:59+08:00
            deadline --received 2026-11-19T16:30:00Z --working-days 3      | 2026-11-25T23:59:59+08:00
            deadline --working-days=3 --received=2025-09-30T09:00:00+08:00 | 2025-10-11T23:59:59+08:00
            deadline --received 2025-12-30T15:00:00+08:00 --working-days 3 | 2026-01-05T23:59:59+08:00
            working-days --from 2026-02-13 --to 2026-02-28                 | 7
            working-days --from 2025-10-01 --to 2025-10-08                 | 0
            working-days --to 2025-12-31 --from 2025-01-01                 | 248
            """)
    void happyPaths(String args, String expected) {
        Result result = run(split(args));

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(expected + System.lineSeparator());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                | missing command
            frobnicate                                                        | unknown command "frobnicate"
            deadline --working-days 3                                         | missing --received
            deadline --received 2026-02-13                                    | missing --working-days
            deadline --received 2026-02-13 --working-days                     | --working-days needs a value
            deadline --received 2026-02-13 --working-days three               | --working-days "three" is not a whole number
            deadline --received 2026-02-13 --working-days 0                   | --working-days must be at least 1, got 0
            deadline --received yesterday --working-days 3                    | --received "yesterday" is not a date-time
            deadline --received 2026-02-13 --working-days 3 --colour red      | unexpected argument "--colour" for deadline
            deadline --received 2026-02-13 --working-days 3 --working-days 7  | --working-days given more than once
            deadline --received 2027-01-04 --working-days 3                   | year 2027: load the holiday file 2027.json
            deadline --received 2026-12-31T10:00:00+08:00 --working-days 1    | year 2027: load the holiday file 2027.json
            deadline --received 2018-12-31T10:00:00+08:00 --working-days 3    | year 2018: load the holiday file 2018.json
            deadline --received 2026-02-13 --working-days 3 --holidays /no/such/dir | holiday directory /no/such/dir does not exist
            working-days --from 2026-03-02 --to 2026-03-01                    | --from 2026-03-02 is after --to 2026-03-01
            working-days --from 2026-02-30 --to 2026-03-01                    | --from "2026-02-30" is not a date
            working-days --from 2026-01-01                                    | missing --to
            working-days --from 2026-01-01 --to 2027-01-01                    | year 2027
            working-days --from 2026-01-01 --to 2026-01-02 --received 2026-01-01 | unexpected argument "--received" for working-days
            """)
    void errorPathsPrintOneLineAndExit2(String args, String message) {
        Result result = run(split(args));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: ").contains(message);
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void help() {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage:", "deadline --received", "working-days --from", "--holidays DIR");
        assertThat(result.err()).isEmpty();
        assertThat(run("deadline", "-h").out()).contains("Usage:");
    }

    @Test
    void holidaysFolderAddsANewYear() throws IOException {
        Files.writeString(dir.resolve("2027.json"), """
                {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}
                """);

        Result result =
                run("deadline", "--received", "2026-12-30", "--working-days", "3", "--holidays", dir.toString());

        assertThat(result.err()).isEmpty();
        assertThat(result.out().strip()).isEqualTo("2027-01-05T23:59:59+08:00");
        assertThat(run("working-days", "--from", "2027-01-01", "--to", "2027-01-08", "--holidays", dir.toString())
                        .out()
                        .strip())
                .isEqualTo("5");
    }

    @Test
    void malformedHolidayFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("2027.json"), "{\"year\": 2027, \"days\": [");

        Result result =
                run("deadline", "--received", "2026-12-30", "--working-days", "3", "--holidays", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: holiday file " + file).contains("not valid JSON");
        assertThat(result.err().lines()).hasSize(1);
    }
}

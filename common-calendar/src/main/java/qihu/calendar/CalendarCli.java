package qihu.calendar;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Command line for the working-day calendar: compute a handling deadline or count working days. Errors are one
 * line on stderr with exit code 2.
 */
public final class CalendarCli {

    static final int OK = 0;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: CalendarCli <command> [options]

              deadline --received DATE-TIME --working-days N [--holidays DIR]
                  Prints the deadline: the end (23:59:59 Asia/Shanghai) of the N-th working day after the day of
                  receipt, e.g. 2026-02-26T23:59:59+08:00. The day of receipt is not counted.
                  --received accepts 2026-02-13T10:00:00+08:00, 2026-02-13T02:00:00Z,
                  2026-02-13T10:00 (Asia/Shanghai time) or 2026-02-13.

              working-days --from DATE --to DATE [--holidays DIR]
                  Prints the number of working days from DATE to DATE, both included.

              --holidays DIR   a folder of holiday-cn NNNN.json files to use in addition to the bundled years
                               (a file for a bundled year replaces it).
              --help           prints this help.
            """;

    private static final Set<String> DEADLINE_OPTIONS = Set.of("--received", "--working-days", "--holidays");
    private static final Set<String> WORKING_DAYS_OPTIONS = Set.of("--from", "--to", "--holidays");

    private CalendarCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit code: 0 on success, 2 on any error. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(USAGE);
            return OK;
        }
        try {
            if (args.length == 0) {
                throw new UsageException("missing command: use deadline or working-days (see --help)");
            }
            String command = args[0];
            switch (command) {
                case "deadline" -> out.println(deadline(options(args, DEADLINE_OPTIONS)));
                case "working-days" -> out.println(workingDays(options(args, WORKING_DAYS_OPTIONS)));
                default ->
                    throw new UsageException(
                            "unknown command \"" + command + "\": use deadline or working-days (see --help)");
            }
            return OK;
        } catch (CalendarNotLoadedException e) {
            err.println("error: " + e.getMessage() + " (pass --holidays DIR with a folder holding that file)");
        } catch (UsageException | HolidayDataException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
        } catch (RuntimeException e) {
            // Never a stack trace on the command line; the message is all the user can act on.
            err.println("error: " + e);
        }
        return USAGE_ERROR;
    }

    private static String deadline(Map<String, String> options) {
        String receivedText = required(options, "--received");
        int workingDays = workingDays(required(options, "--working-days"));
        WorkingDayCalendar calendar = calendar(options);
        DeadlineCalculator calculator = new DeadlineCalculator(calendar);
        ZonedDateTime deadline = calculator.deadline(receiptDate(receivedText), workingDays);
        return deadline.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static int workingDays(Map<String, String> options) {
        LocalDate from = date("--from", required(options, "--from"));
        LocalDate to = date("--to", required(options, "--to"));
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to + "; give the earlier date first");
        }
        return calendar(options).workingDaysBetween(from, to);
    }

    /** The Asia/Shanghai date of the receipt, whichever of the accepted forms it is given in. */
    private static LocalDate receiptDate(String text) {
        try {
            // Covers both offsets (+08:00) and instants (Z).
            Instant instant = ZonedDateTime.parse(text).toInstant();
            return LocalDate.ofInstant(instant, DeadlineCalculator.SHANGHAI);
        } catch (DateTimeParseException notZoned) {
            // fall through to the local forms
        }
        try {
            return LocalDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException notLocalDateTime) {
            // fall through
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notDate) {
            throw new UsageException("--received \"" + text + "\" is not a date-time: use e.g."
                    + " 2026-02-13T10:00:00+08:00, 2026-02-13T02:00:00Z, 2026-02-13T10:00 or 2026-02-13");
        }
    }

    private static int workingDays(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--working-days \"" + text + "\" is not a whole number; give e.g. 3 or 7");
        }
        if (n < 1) {
            throw new UsageException("--working-days must be at least 1, got " + n);
        }
        return n;
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new UsageException(option + " \"" + text + "\" is not a date: use YYYY-MM-DD, e.g. 2026-02-13");
        }
    }

    private static WorkingDayCalendar calendar(Map<String, String> options) {
        WorkingDayCalendar bundled = WorkingDayCalendar.bundled();
        String dir = options.get("--holidays");
        if (dir == null) {
            return bundled;
        }
        Map<Integer, HolidayYear> years = new TreeMap<>(bundled.holidayYears());
        for (HolidayYear year : HolidayYearParser.readDirectory(Path.of(dir))) {
            years.put(year.year(), year);
        }
        return WorkingDayCalendar.of(years.values());
    }

    /** Parses {@code --name value} and {@code --name=value} pairs after the command. */
    private static Map<String, String> options(String[] args, Set<String> allowed) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unexpected argument \"" + arg + "\" for " + args[0] + "; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + " (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (options.put(name, value) != null) {
                throw new UsageException(name + " given more than once");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("missing " + name + " (see --help)");
        }
        return value;
    }

    /** A problem with the command line itself. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

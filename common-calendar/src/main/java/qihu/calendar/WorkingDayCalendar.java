package qihu.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * China's official working-day calendar (工作日历): a day is a working day if it is listed as a 调休 make-up working
 * day, or it is Monday–Friday and not listed as a statutory day off.
 *
 * <p>The calendar covers exactly the years whose holiday file was loaded, from the first to the last with none
 * missing in between. Any date outside them raises {@link CalendarNotLoadedException}; it never falls back to
 * "weekends only". Because a year's notice can also move days at the end of the year before (2019's moved
 * 2018-12-29..31), late-December answers for the last loaded year may change once next year's file is loaded.
 *
 * <p>Immutable and thread-safe. To add a year at run time, use {@link #withYear(HolidayYear)} and swap the
 * instance.
 */
public final class WorkingDayCalendar {

    private static final String BUNDLED_DIR = "/holiday-cn/";

    private final SortedMap<Integer, HolidayYear> years;
    private final int firstYear;
    private final int lastYear;
    /** Epoch day of January 1 of {@link #firstYear}; index 0 of the arrays below. */
    private final long firstEpochDay;
    /** Epoch day of December 31 of {@link #lastYear}. */
    private final long lastEpochDay;
    /** {@code workingBefore[i]} = working days in [first day, first day + i); length = covered days + 1. */
    private final int[] workingBefore;
    /** Epoch days of all working days, ascending, so the k-th working day is one array read. */
    private final int[] workingDays;

    private WorkingDayCalendar(SortedMap<Integer, HolidayYear> years) {
        if (years.isEmpty()) {
            throw new HolidayDataException("no holiday years given: load at least one holiday-cn NNNN.json file");
        }
        this.years = Collections.unmodifiableSortedMap(years);
        this.firstYear = years.firstKey();
        this.lastYear = years.lastKey();
        for (int year = firstYear; year <= lastYear; year++) {
            if (!years.containsKey(year)) {
                throw new HolidayDataException("holiday years must be consecutive: " + year + " is missing between "
                        + firstYear + " and " + lastYear + "; load " + year + ".json as well");
            }
        }
        this.firstEpochDay = LocalDate.of(firstYear, 1, 1).toEpochDay();
        this.lastEpochDay = LocalDate.of(lastYear, 12, 31).toEpochDay();

        Map<LocalDate, HolidayDay> listed = new HashMap<>();
        Map<LocalDate, Integer> listedBy = new HashMap<>();
        for (HolidayYear year : years.values()) {
            for (HolidayDay day : year.days()) {
                HolidayDay earlier = listed.putIfAbsent(day.date(), day);
                if (earlier == null) {
                    listedBy.put(day.date(), year.year());
                } else if (earlier.offDay() != day.offDay()) {
                    throw new HolidayDataException("holiday files " + listedBy.get(day.date()) + " and " + year.year()
                            + " disagree on whether " + day.date() + " is a day off");
                }
            }
        }

        int length = Math.toIntExact(lastEpochDay - firstEpochDay + 1);
        int[] before = new int[length + 1];
        int[] working = new int[length];
        int count = 0;
        LocalDate date = LocalDate.ofEpochDay(firstEpochDay);
        for (int i = 0; i < length; i++, date = date.plusDays(1)) {
            before[i] = count;
            HolidayDay day = listed.get(date);
            boolean isWorking = day != null ? !day.offDay() : !isWeekend(date.getDayOfWeek());
            if (isWorking) {
                working[count++] = Math.toIntExact(date.toEpochDay());
            }
        }
        before[length] = count;
        this.workingBefore = before;
        this.workingDays = Arrays.copyOf(working, count);
    }

    /** The calendar of every year bundled with this library (see {@code holiday-cn/years.txt}). */
    public static WorkingDayCalendar bundled() {
        return Bundled.CALENDAR;
    }

    /** A calendar of the given years; they must be consecutive and each year given once. */
    public static WorkingDayCalendar of(Collection<HolidayYear> holidayYears) {
        SortedMap<Integer, HolidayYear> byYear = new TreeMap<>();
        for (HolidayYear year : holidayYears) {
            if (byYear.put(year.year(), year) != null) {
                throw new HolidayDataException("holiday year " + year.year() + " given twice");
            }
        }
        return new WorkingDayCalendar(byYear);
    }

    /**
     * A calendar of all holiday-cn {@code NNNN.json} files in {@code directory} (other files are ignored). Each
     * file's {@code year} must match its name.
     */
    public static WorkingDayCalendar load(Path directory) {
        return of(HolidayYearParser.readDirectory(directory));
    }

    /**
     * A new calendar that also covers {@code year}, replacing this calendar's data for that year if it already
     * has it (e.g. an amended notice). The years must stay consecutive.
     */
    public WorkingDayCalendar withYear(HolidayYear year) {
        SortedMap<Integer, HolidayYear> byYear = new TreeMap<>(years);
        byYear.put(year.year(), Objects.requireNonNull(year));
        return new WorkingDayCalendar(byYear);
    }

    /** The loaded years, ascending. */
    public SortedSet<Integer> coveredYears() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(years.keySet()));
    }

    /** The loaded holiday data, by year. */
    public SortedMap<Integer, HolidayYear> holidayYears() {
        return years;
    }

    /** Whether {@code date} is a working day. */
    public boolean isWorkingDay(LocalDate date) {
        int i = index(date);
        return workingBefore[i + 1] != workingBefore[i];
    }

    /**
     * The {@code n}-th working day after {@code day}; {@code day} itself is never counted, even if it is a working
     * day. E.g. with {@code n = 1} from a Friday before an ordinary weekend, the result is the Monday.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws CalendarNotLoadedException if {@code day} or the result lies outside the loaded years
     */
    public LocalDate nthWorkingDayAfter(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of working days must be at least 1, was " + n);
        }
        // workingBefore[i + 1] working days fall on or before `day`, so that is the index of the first one after it.
        long target = (long) workingBefore[index(day) + 1] + n - 1;
        if (target >= workingDays.length) {
            throw new CalendarNotLoadedException(lastYear + 1, describeYears());
        }
        return LocalDate.ofEpochDay(workingDays[(int) target]);
    }

    /**
     * The number of working days in the closed range [{@code from}, {@code to}], both ends included; 0 if none.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code to}
     * @throws CalendarNotLoadedException if either end lies outside the loaded years
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        return workingBefore[index(to) + 1] - workingBefore[index(from)];
    }

    private int index(LocalDate date) {
        long epochDay = date.toEpochDay();
        if (epochDay < firstEpochDay || epochDay > lastEpochDay) {
            throw new CalendarNotLoadedException(date.getYear(), describeYears());
        }
        return (int) (epochDay - firstEpochDay);
    }

    private String describeYears() {
        return firstYear == lastYear ? String.valueOf(firstYear) : firstYear + "–" + lastYear;
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    @Override
    public String toString() {
        return "WorkingDayCalendar[" + describeYears() + "]";
    }

    /** Loaded on first use only, so callers that never use the bundled data never read it. */
    private static final class Bundled {
        static final WorkingDayCalendar CALENDAR = read();

        private static WorkingDayCalendar read() {
            List<HolidayYear> holidayYears = new ArrayList<>();
            for (int year : bundledYears()) {
                String resource = BUNDLED_DIR + year + ".json";
                try (InputStream in = WorkingDayCalendar.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled holiday file " + resource + " is missing");
                    }
                    holidayYears.add(HolidayYearParser.parse(in, "classpath:" + resource));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read bundled holiday file " + resource, e);
                }
            }
            return of(holidayYears);
        }
    }

    /** The years listed in the bundled {@code holiday-cn/years.txt}. */
    static List<Integer> bundledYears() {
        String resource = BUNDLED_DIR + "years.txt";
        InputStream in = WorkingDayCalendar.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("bundled " + resource + " is missing");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(Integer::valueOf)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
    }
}

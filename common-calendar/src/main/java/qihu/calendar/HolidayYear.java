package qihu.calendar;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One year's holiday arrangement (节假日安排), as published by the State Council and stored in a holiday-cn
 * {@code NNNN.json} file: the statutory days off and the 调休 make-up working days. Ordinary weekends are not listed.
 *
 * <p>The notice for a year may also move days at the end of the previous year (e.g. 2019's lists 2018-12-29..31),
 * so {@link #days()} can hold dates in the adjacent years.
 *
 * @param year the year the notice is for
 * @param days the listed days, sorted by date, each date at most once
 */
public record HolidayYear(int year, List<HolidayDay> days) {

    public HolidayYear {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("year must have four digits, was " + year);
        }
        days = days.stream()
                .map(Objects::requireNonNull)
                .sorted(Comparator.comparing(HolidayDay::date))
                .toList();
        Set<LocalDate> seen = new HashSet<>();
        for (HolidayDay day : days) {
            int dayYear = day.date().getYear();
            if (Math.abs(dayYear - year) > 1) {
                throw new IllegalArgumentException(
                        "holiday year " + year + " lists " + day.date() + ", which is not in or next to " + year);
            }
            if (!seen.add(day.date())) {
                throw new IllegalArgumentException("holiday year " + year + " lists " + day.date() + " twice");
            }
        }
    }
}

package qihu.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day listed in a holiday notice.
 *
 * @param date the day
 * @param name the holiday it belongs to, e.g. "春节"
 * @param offDay {@code true} for a statutory day off, {@code false} for a 调休 make-up working day
 */
public record HolidayDay(LocalDate date, String name, boolean offDay) {

    public HolidayDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
    }
}

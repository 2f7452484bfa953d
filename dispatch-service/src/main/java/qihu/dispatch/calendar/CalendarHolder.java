package qihu.dispatch.calendar;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;

/** The working-day calendar in force; replaced as a whole when a new year's holiday file is loaded. */
public final class CalendarHolder implements Supplier<DeadlineCalculator> {

    private final AtomicReference<DeadlineCalculator> current;

    public CalendarHolder(DeadlineCalculator initial) {
        this.current = new AtomicReference<>(initial);
    }

    @Override
    public DeadlineCalculator get() {
        return current.get();
    }

    public WorkingDayCalendar calendar() {
        return current.get().calendar();
    }

    public void replace(WorkingDayCalendar calendar) {
        current.set(new DeadlineCalculator(calendar, current.get().zone()));
    }
}

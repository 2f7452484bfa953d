package qihu.dispatch.calendar;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/**
 * Applies holiday years stored by other instances (or before a restart): once at start-up, before the consumers and
 * the SLA poller begin, then every minute.
 */
@Component
class StoredYearsRefresh extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(StoredYearsRefresh.class);
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration START_UP_LIMIT = Duration.ofSeconds(30);

    private final CalendarYears years;

    StoredYearsRefresh(CalendarYears years) {
        super(
                "stored holiday years refresh",
                INTERVAL,
                () -> years.applyStoredYears().doOnNext(StoredYearsRefresh::report));
        this.years = years;
    }

    @Override
    public void start() {
        report(years.applyStoredYears().block(START_UP_LIMIT));
        super.start();
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private static void report(List<Integer> applied) {
        if (applied != null && !applied.isEmpty()) {
            log.info("holiday years {} applied from the store", applied);
        }
    }
}

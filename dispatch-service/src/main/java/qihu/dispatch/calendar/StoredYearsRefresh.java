package qihu.dispatch.calendar;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies holiday years stored by other instances (or before a restart): at start-up before work begins, then
 * every {@value #INTERVAL_SECONDS} seconds.
 */
@Component
class StoredYearsRefresh implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoredYearsRefresh.class);
    private static final long INTERVAL_SECONDS = 60;

    private final CalendarYears years;
    private volatile Disposable running;

    StoredYearsRefresh(CalendarYears years) {
        this.years = years;
    }

    @Override
    public void start() {
        report(years.applyStoredYears().block(Duration.ofSeconds(30)));
        running = Flux.interval(Duration.ofSeconds(INTERVAL_SECONDS))
                .concatMap(tick -> years.applyStoredYears().onErrorResume(e -> {
                    log.warn("could not read stored holiday years: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe(this::report);
    }

    private void report(List<Integer> applied) {
        if (applied != null && !applied.isEmpty()) {
            log.info("holiday years {} applied from the store", applied);
        }
    }

    /** Before the consumers and the SLA poller start, so that they already see every loaded year. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}

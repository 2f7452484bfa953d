package qihu.support.scheduling;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a piece of reactive work every interval while the application runs: one run at a time (a slow run delays the
 * next instead of overlapping it), a failed run is logged and the next one tries again.
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private final Supplier<Mono<?>> work;
    private volatile Disposable running;

    public PeriodicTask(String name, Duration interval, Supplier<Mono<?>> work) {
        this.name = name;
        this.interval = interval;
        this.work = work;
    }

    @Override
    public void start() {
        running = Flux.interval(interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(work).onErrorResume(e -> {
                    log.warn("{} failed, tried again in {}: {}", name, interval, e.toString());
                    return Mono.empty();
                }))
                .subscribe();
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

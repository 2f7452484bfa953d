package qihu.dispatch.sla;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Polls the SLA timers. Every instance may poll: {@link SlaTimers} fires each point exactly once whatever the number
 * of pollers, so no leader election is needed for correctness; a later point is at most one interval late.
 */
@Component
public class SlaPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlaPoller.class);

    private final SlaTimers timers;
    private final SlaProperties properties;
    private final Clock clock;
    private volatile Disposable running;

    public SlaPoller(SlaTimers timers, SlaProperties properties, Clock clock) {
        this.timers = timers;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> timers.fireDue(clock.instant(), properties.pollBatch())
                        .onErrorResume(e -> {
                            log.warn("SLA poll failed: {}", e.toString());
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

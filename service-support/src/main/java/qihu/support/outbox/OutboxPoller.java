package qihu.support.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Periodically relays pending events that the fast path left behind. */
public class OutboxPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    private final OutboxRelay relay;
    private final OutboxProperties properties;
    private final Map<String, Long> relayedPerCollection = new ConcurrentHashMap<>();
    private volatile Disposable running;

    public OutboxPoller(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(properties.collections())
                        .concatMap(collection -> relay.relayOverdue(collection, properties)
                                .doOnNext(n -> {
                                    if (n > 0) {
                                        log.info("outbox poller relayed {} documents of {}", n, collection);
                                        relayedPerCollection.merge(collection, n, Long::sum);
                                    }
                                })
                                .onErrorResume(e -> {
                                    log.warn("outbox poll of {} failed: {}", collection, e.toString());
                                    return Mono.empty();
                                })))
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

    /** Documents relayed by the poller rather than the fast path, per collection: a sign of trouble when growing. */
    public Map<String, Long> relayedByPoller() {
        return Map.copyOf(relayedPerCollection);
    }
}

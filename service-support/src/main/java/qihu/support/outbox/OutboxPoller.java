package qihu.support.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.support.scheduling.PeriodicTask;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Periodically relays pending events that the fast path left behind. */
public class OutboxPoller extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    private final Map<String, Long> relayedPerCollection;

    public OutboxPoller(OutboxRelay relay, OutboxProperties properties) {
        this(relay, properties, new ConcurrentHashMap<>());
    }

    private OutboxPoller(OutboxRelay relay, OutboxProperties properties, Map<String, Long> relayed) {
        super(
                "outbox poll",
                properties.pollInterval(),
                () -> Flux.fromIterable(properties.collections())
                        .concatMap(collection -> relay.relayOverdue(collection, properties)
                                .doOnNext(n -> {
                                    if (n > 0) {
                                        log.info("outbox poller relayed {} documents of {}", n, collection);
                                        relayed.merge(collection, n, Long::sum);
                                    }
                                })
                                .onErrorResume(e -> {
                                    log.warn("outbox poll of {} failed: {}", collection, e.toString());
                                    return Mono.empty();
                                }))
                        .then());
        this.relayedPerCollection = relayed;
    }

    /** Documents relayed by the poller rather than the fast path, per collection: a sign of trouble when growing. */
    public Map<String, Long> relayedByPoller() {
        return Map.copyOf(relayedPerCollection);
    }
}

package qihu.support.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.support.scheduling.PeriodicTask;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Periodically relays pending events that the fast path left behind (counted as {@code qihu.outbox.relayed.late}). */
public class OutboxPoller extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    public OutboxPoller(OutboxRelay relay, OutboxProperties properties) {
        super(
                "outbox poll",
                properties.pollInterval(),
                () -> Flux.fromIterable(properties.collections())
                        .concatMap(collection -> relay.relayOverdue(collection, properties)
                                .doOnNext(n -> {
                                    if (n > 0) {
                                        log.info("outbox poller relayed {} documents of {}", n, collection);
                                    }
                                })
                                .onErrorResume(e -> {
                                    log.warn("outbox poll of {} failed: {}", collection, e.toString());
                                    return Mono.empty();
                                }))
                        .then());
    }
}

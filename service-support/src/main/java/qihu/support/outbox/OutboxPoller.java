package qihu.support.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.support.scheduling.PeriodicTask;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Relays pending events that the fast path left behind (counted as {@code qihu.outbox.relayed.late}). Looking for
 * them means a query over the whole collection, which the embedded store answers by a scan: so the poller looks
 * every poll interval only while the fast path reports misses, and otherwise every {@code full-scan-interval}, for
 * events whose writer died before it could relay them.
 */
public class OutboxPoller extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    public OutboxPoller(OutboxRelay relay, OutboxProperties properties) {
        this(relay, properties, new Coverage());
    }

    /**
     * What the scans have covered: a clean scan that started at {@code t} has seen every event pending since before
     * {@code t - grace} (younger ones it leaves to the fast path).
     */
    private static final class Coverage {
        volatile long lastScan = System.nanoTime();
        volatile long coveredUpTo = Long.MIN_VALUE;
    }

    private OutboxPoller(OutboxRelay relay, OutboxProperties properties, Coverage coverage) {
        super("outbox poll", properties.pollInterval(), () -> {
            long start = System.nanoTime();
            boolean missed = relay.lastMiss() - coverage.coveredUpTo > 0;
            boolean due =
                    start - coverage.lastScan >= properties.fullScanInterval().toNanos();
            if (!missed && !due) {
                return Mono.empty();
            }
            coverage.lastScan = start;
            return scan(relay, properties)
                    .doOnSuccess(done ->
                            coverage.coveredUpTo = start - properties.grace().toNanos());
        });
    }

    private static Mono<Void> scan(OutboxRelay relay, OutboxProperties properties) {
        return Flux.fromIterable(properties.collections())
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
                .then();
    }
}

package qihu.support.outbox;

import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.support.scheduling.PeriodicTask;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Relays pending events that the fast path left behind (counted as {@code qihu.outbox.relayed.late}). In a noted
 * collection ({@code noted-collections}) the writers note each document before adding events to it, and the poller
 * reads those notes by key every poll interval. In the others, looking for them means a query over the whole
 * collection, which the embedded store answers by a scan: so the poller looks every poll interval only while the
 * fast path reports misses, and otherwise every {@code full-scan-interval}, for events whose writer died before it
 * could relay them.
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
            Mono<Void> noted = poll(properties.notedCollections(), c -> relay.relayNoted(c, properties));
            boolean missed = relay.lastMiss() - coverage.coveredUpTo > 0;
            boolean due =
                    start - coverage.lastScan >= properties.fullScanInterval().toNanos();
            if (properties.scannedCollections().isEmpty() || (!missed && !due)) {
                return noted;
            }
            coverage.lastScan = start;
            return noted.then(poll(properties.scannedCollections(), c -> relay.relayOverdue(c, properties)))
                    .doOnSuccess(done ->
                            coverage.coveredUpTo = start - properties.grace().toNanos());
        });
    }

    private static Mono<Void> poll(List<String> collections, Function<String, Mono<Long>> relayed) {
        return Flux.fromIterable(collections)
                .concatMap(collection -> relayed.apply(collection)
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.debug("outbox poller relayed {} documents of {}", n, collection);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("outbox poll of {} failed: {}", collection, e.toString());
                            return Mono.empty();
                        }))
                .then();
    }
}

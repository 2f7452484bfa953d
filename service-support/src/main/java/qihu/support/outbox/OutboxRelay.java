package qihu.support.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import qihu.support.messaging.EventPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the pending events of a document, then removes them from it. Called right after each write (fast path)
 * and by {@link OutboxPoller} for whatever that missed (Kafka down, a crash). At-least-once: an event can be
 * published twice if the process dies between publishing and removing; consumers drop copies by event id.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration lease;
    private final MeterRegistry meters;
    /**
     * When (System.nanoTime) the fast path last left events behind; "now" at start, since a previous run may have
     * left some.
     */
    private final AtomicLong lastMiss = new AtomicLong(System.nanoTime());

    public OutboxRelay(
            ReactiveMongoTemplate mongo, EventPublisher publisher, Clock clock, Duration lease, MeterRegistry meters) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.lease = lease;
        this.meters = meters;
    }

    /**
     * Creates the collections' failure and late-relay series at zero, so that an alert on their increase sees the
     * first failure too, and a dashboard shows a quiet service as zero rather than as missing.
     */
    public void registerMeters(List<String> collections) {
        for (String collection : collections) {
            meters.counter("qihu.outbox.publish.failures", "collection", collection);
            meters.counter("qihu.outbox.relayed.late", "collection", collection);
        }
    }

    /** Publishes one document's pending events. Never fails: what cannot be published now stays for the poller. */
    public Mono<Void> relay(String collection, Object id) {
        return lease(collection, query(where("_id").is(id)))
                .flatMap(doc -> publishAndRemove(collection, doc))
                .onErrorResume(e -> {
                    lastMiss.set(System.nanoTime());
                    meters.counter("qihu.outbox.publish.failures", "collection", collection)
                            .increment();
                    log.warn("outbox relay of {}/{} deferred to the poller: {}", collection, id, e.toString());
                    return release(collection, id);
                });
    }

    /** When (System.nanoTime) events were last left for the poller: a failed fast path, a full or failed poll. */
    long lastMiss() {
        return lastMiss.get();
    }

    /**
     * Publishes the pending events of documents whose oldest event is older than the grace period. A full batch or a
     * failure counts as a miss, so the poller looks again.
     */
    public Mono<Long> relayOverdue(String collection, OutboxProperties properties) {
        Date now = Date.from(clock.instant());
        Date cutoff = Date.from(clock.instant().minus(properties.grace()));
        Query due = query(where(Outbox.PENDING_SINCE).lt(cutoff).andOperator(leaseFree(now)))
                .limit(properties.batchSize());
        due.fields().include("_id");
        return mongo.find(due, Document.class, collection)
                .concatMap(candidate -> lease(collection, query(where("_id").is(candidate.get("_id"))))
                        .flatMap(doc -> publishAndRemove(collection, doc)
                                .onErrorResume(
                                        e -> release(collection, doc.get("_id")).then(Mono.error(e)))
                                .thenReturn(1)))
                .count()
                .doOnNext(n -> {
                    if (n >= properties.batchSize()) {
                        lastMiss.set(System.nanoTime());
                    }
                })
                .doOnError(e -> lastMiss.set(System.nanoTime()))
                // A growing count means the fast path is failing: the broker is away or slow.
                .doOnNext(n -> meters.counter("qihu.outbox.relayed.late", "collection", collection)
                        .increment(n));
    }

    /**
     * Takes a document's pending events for a while, so that the fast path and the poller, or two instances, do not
     * publish the same events at the same time. A relay that dies leaves the lease to expire.
     */
    private Mono<Document> lease(String collection, Query document) {
        Date now = Date.from(clock.instant());
        Query pending =
                document.addCriteria(where(Outbox.PENDING_SINCE).exists(true)).addCriteria(leaseFree(now));
        pending.fields().include(Outbox.ENTRIES);
        return mongo.findAndModify(
                pending,
                new Update().set(Outbox.LEASED_UNTIL, Date.from(clock.instant().plus(lease))),
                FindAndModifyOptions.options().returnNew(true),
                Document.class,
                collection);
    }

    /** Business events by type (requests received, cases opened, tasks assigned, escalations, ...). */
    private void countPublished(Document entry) {
        String type = entry.getString("eventType");
        meters.counter("qihu.events.published", "event_type", type == null ? "unknown" : type)
                .increment();
    }

    /** Gives the events back at once after a failed publish, so the next poll retries without waiting. */
    private Mono<Void> release(String collection, Object id) {
        return mongo.updateFirst(query(where("_id").is(id)), new Update().unset(Outbox.LEASED_UNTIL), collection)
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    private static Criteria leaseFree(Date now) {
        return new Criteria()
                .orOperator(
                        where(Outbox.LEASED_UNTIL).exists(false),
                        where(Outbox.LEASED_UNTIL).lt(now));
    }

    private Mono<Void> publishAndRemove(String collection, Document doc) {
        List<Document> entries = doc.getList(Outbox.ENTRIES, Document.class, List.of());
        if (entries.isEmpty()) {
            return clearPendingMarker(collection, doc.get("_id"));
        }
        return Flux.fromIterable(entries)
                .concatMap(entry -> Mono.fromRunnable(() -> publisher.publish(
                                entry.getString("topic"), entry.getString("key"), entry.getString("json")))
                        .subscribeOn(Schedulers.boundedElastic())
                        .doOnSuccess(published -> countPublished(entry))
                        .thenReturn(entry.getString("eventId")))
                .collectList()
                .flatMap(published -> mongo.updateFirst(
                        query(where("_id").is(doc.get("_id"))),
                        new Update()
                                .pull(Outbox.ENTRIES, new Document("eventId", new Document("$in", published)))
                                .unset(Outbox.LEASED_UNTIL),
                        collection))
                .then(clearPendingMarker(collection, doc.get("_id")));
    }

    private Mono<Void> clearPendingMarker(String collection, Object id) {
        return mongo.updateFirst(
                        query(where("_id").is(id).and(Outbox.ENTRIES).size(0)),
                        new Update().unset(Outbox.PENDING_SINCE),
                        collection)
                .then();
    }
}

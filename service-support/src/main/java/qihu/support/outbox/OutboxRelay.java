package qihu.support.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import qihu.support.GroupCommit;
import qihu.support.messaging.EventPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the pending events of a document, then removes them from it. Called right after each write (fast path)
 * and by {@link OutboxPoller} for whatever that missed (Kafka down, a crash). At-least-once: an event can be
 * published twice if the process dies between publishing and removing; consumers drop copies by event id.
 *
 * <p>Every step reads or writes one document by its key, so that its cost does not grow with the collection: a lease
 * is a document of its own in {@value #LEASES} (inserted, so a second relay fails on the duplicate key), and the
 * published events are removed only if the document's {@link Outbox#VERSION} is still the one read, through a unique
 * index on {@code _id} and that version. If events were added meanwhile, the relay removes what it published and goes
 * round again.
 */
public class OutboxRelay {

    /** One document per document whose events a relay is publishing: {@code _id} "collection/id", {@code until}. */
    public static final String LEASES = "outbox_leases";

    /**
     * One note per document that may have events pending: {@code _id} "collection/id", written before the document,
     * dropped by the poller once the document's events are relayed.
     */
    public static final String NOTES = "outbox_notes";

    private static final String LEASE_UNTIL = "until";
    private static final String NOTE_WRITES = "writes";
    private static final String VERSION_INDEX = "outbox_version";
    /** Rounds of one relay when writers keep adding events; what is left then waits for the poller. */
    private static final int MAX_ROUNDS = 8;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration lease;
    private final MeterRegistry meters;
    private final Map<String, Mono<Void>> versionIndexes = new ConcurrentHashMap<>();
    private final Map<String, GroupCommit<Settle, Boolean>> insertedSettles = new ConcurrentHashMap<>();
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
        return relayLeased(collection, id)
                .onErrorResume(e -> deferToPoller(collection, id, e))
                .then();
    }

    /**
     * Publishes the events of a document this process has just inserted with them, without reading it back or taking
     * a lease: the poller leaves events younger than its grace period to their writer. A writer slower than that may
     * publish an event the poller publishes too; consumers drop the copy by event id. If events were added since the
     * insert, the rest goes through {@link #relay}. Never fails, like {@link #relay}.
     */
    public Mono<Void> relayInserted(String collection, Object id, List<OutboxEntry> inserted) {
        List<Document> entries = inserted.stream().map(OutboxRelay::asDocument).toList();
        return versionIndex(collection)
                .then(publish(entries))
                .flatMap(published -> settleInserted(collection).submit(new Settle(id, published)))
                .flatMap(settled -> settled ? Mono.<Void>empty() : relay(collection, id))
                .onErrorResume(e -> deferToPoller(collection, id, e));
    }

    /** Published events of a document that has had no event added since it was inserted (no version yet). */
    private record Settle(Object id, List<String> published) {}

    /** Settles of concurrent writers' documents, one bulk update per batch. */
    private GroupCommit<Settle, Boolean> settleInserted(String collection) {
        return insertedSettles.computeIfAbsent(collection, c -> new GroupCommit<>(batch -> settleInserted(c, batch)));
    }

    /**
     * Settles a batch in one command. If a document had events added meanwhile, the bulk update cannot say which: each
     * is then settled on its own (idempotent for those the bulk already settled).
     */
    private Mono<List<Boolean>> settleInserted(String collection, List<Settle> batch) {
        List<UpdateOneModel<Document>> updates = batch.stream()
                .map(settle -> new UpdateOneModel<Document>(
                        new Document("_id", settle.id()).append(Outbox.VERSION, null),
                        new Document("$pull", new Document(Outbox.ENTRIES, publishedEvents(settle.published())))
                                .append("$unset", new Document(Outbox.PENDING_SINCE, ""))))
                .toList();
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.bulkWrite(updates, new BulkWriteOptions().ordered(false))))
                .flatMap(result -> result.getMatchedCount() == batch.size()
                        ? Mono.just(Collections.nCopies(batch.size(), true))
                        : Flux.fromIterable(batch)
                                .concatMap(settle -> settle(collection, settle.id(), null, settle.published()))
                                .collectList());
    }

    private static Document publishedEvents(List<String> eventIds) {
        return new Document("eventId", new Document("$in", eventIds));
    }

    private <T> Mono<T> deferToPoller(String collection, Object id, Throwable failure) {
        lastMiss.set(System.nanoTime());
        meters.counter("qihu.outbox.publish.failures", "collection", collection).increment();
        log.warn("outbox relay of {}/{} deferred to the poller: {}", collection, id, failure.toString());
        return Mono.empty();
    }

    private static Document asDocument(OutboxEntry entry) {
        return new Document("eventId", entry.eventId())
                .append("eventType", entry.eventType())
                .append("topic", entry.topic())
                .append("key", entry.key())
                .append("json", entry.json());
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
        Date cutoff = Date.from(clock.instant().minus(properties.grace()));
        Query due = query(where(Outbox.PENDING_SINCE).lt(cutoff)).limit(properties.batchSize());
        due.fields().include("_id");
        return mongo.find(due, Document.class, collection)
                .concatMap(candidate -> relayLeased(collection, candidate.get("_id")))
                .filter(relayed -> relayed)
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
     * Notes, before a write adds events to a document, that the document may have events pending: if the writer dies
     * before relaying them, the poller finds them by this note ({@link #relayNoted}) instead of scanning the collection.
     * For a collection in {@code qihu.outbox.noted-collections} every such write must be noted first.
     */
    public Mono<Void> note(String collection, Object id) {
        return mongo.upsert(
                        query(where("_id").is(collection + "/" + id)),
                        new Update()
                                .setOnInsert("collection", collection)
                                .setOnInsert("id", id)
                                .min(Outbox.PENDING_SINCE, Date.from(clock.instant()))
                                .inc(NOTE_WRITES, 1),
                        NOTES)
                .then();
    }

    /**
     * Relays the documents noted before the grace period, one by key each, and drops each note unless it was written
     * again meanwhile (a later write's events may not be relayed yet). Emits how many notes were dropped; a full batch
     * counts as a miss, so the poller looks again.
     */
    public Mono<Long> relayNoted(String collection, OutboxProperties properties) {
        Date cutoff = Date.from(clock.instant().minus(properties.grace()));
        Query due = query(where("collection")
                        .is(collection)
                        .and(Outbox.PENDING_SINCE)
                        .lt(cutoff))
                .limit(properties.batchSize());
        return mongo.find(due, Document.class, NOTES)
                .concatMap(note -> relayLeased(collection, note.get("id"))
                        .filter(relayed -> relayed)
                        .flatMap(relayed -> mongo.remove(
                                query(where("_id")
                                        .is(note.get("_id"))
                                        .and(NOTE_WRITES)
                                        .is(note.get(NOTE_WRITES))),
                                NOTES)))
                .count()
                .doOnNext(n -> {
                    if (n >= properties.batchSize()) {
                        lastMiss.set(System.nanoTime());
                    }
                });
    }

    /** Relays under a lease; false when another relay holds it. The lease is given back also on failure. */
    private Mono<Boolean> relayLeased(String collection, Object id) {
        String key = collection + "/" + id;
        return versionIndex(collection)
                .then(lease(key))
                .flatMap(until -> drain(collection, id, MAX_ROUNDS)
                        .onErrorResume(e -> unlease(key, until).then(Mono.error(e)))
                        .then(unlease(key, until))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /** Publishes what the document has pending, removes it, and goes round again while events keep arriving. */
    private Mono<Void> drain(String collection, Object id, int roundsLeft) {
        if (roundsLeft == 0) {
            lastMiss.set(System.nanoTime());
            return Mono.empty();
        }
        Query byId = query(where("_id").is(id));
        byId.fields().include(Outbox.ENTRIES).include(Outbox.VERSION).include(Outbox.PENDING_SINCE);
        return mongo.findOne(byId, Document.class, collection).flatMap(doc -> {
            List<Document> entries = doc.getList(Outbox.ENTRIES, Document.class, List.of());
            if (entries.isEmpty() && !doc.containsKey(Outbox.PENDING_SINCE)) {
                return Mono.empty();
            }
            Object version = doc.get(Outbox.VERSION);
            return publish(entries)
                    .flatMap(published -> settle(collection, id, version, published)
                            .flatMap(settled -> settled ? Mono.empty() : drain(collection, id, roundsLeft - 1)));
        });
    }

    /** Publishes the entries in order; the ids of the published events. */
    private Mono<List<String>> publish(List<Document> entries) {
        return Flux.fromIterable(entries)
                .concatMap(entry -> Mono.fromRunnable(() -> publisher.publish(
                                entry.getString("topic"), entry.getString("key"), entry.getString("json")))
                        .subscribeOn(Schedulers.boundedElastic())
                        .doOnSuccess(published -> countPublished(entry))
                        .thenReturn(entry.getString("eventId")))
                .collectList();
    }

    /**
     * Removes the published events and the pending marker if nothing was added since they were read (true);
     * otherwise removes only the published events (false: there is more to publish).
     */
    private Mono<Boolean> settle(String collection, Object id, Object version, List<String> published) {
        Update removePublished = new Update().pull(Outbox.ENTRIES, publishedEvents(published));
        return mongo.updateFirst(
                        query(where("_id").is(id).and(Outbox.VERSION).is(version)),
                        removePublished.unset(Outbox.PENDING_SINCE),
                        collection)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(true)
                        : mongo.updateFirst(
                                        query(where("_id").is(id)),
                                        new Update().pull(Outbox.ENTRIES, publishedEvents(published)),
                                        collection)
                                .thenReturn(false));
    }

    /**
     * Takes a document's pending events for a while, so that the fast path and the poller, or two instances, do not
     * publish the same events at the same time. A relay that dies leaves its lease to expire; the next one takes it
     * over. Empty when another relay holds it.
     */
    private Mono<Date> lease(String key) {
        Date now = Date.from(clock.instant());
        Date until = Date.from(clock.instant().plus(lease));
        return mongo.insert(new Document("_id", key).append(LEASE_UNTIL, until), LEASES)
                .thenReturn(until)
                .onErrorResume(
                        DuplicateKeyException.class,
                        held -> mongo.findAndModify(
                                        query(where("_id")
                                                .is(key)
                                                .and(LEASE_UNTIL)
                                                .lt(now)),
                                        new Update().set(LEASE_UNTIL, until),
                                        Document.class,
                                        LEASES)
                                .map(expired -> until));
    }

    /** Gives the lease back, unless it expired and another relay has taken it over. */
    private Mono<Void> unlease(String key, Date until) {
        return mongo.remove(query(where("_id").is(key).and(LEASE_UNTIL).is(until)), LEASES)
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    /** The unique index on {@code _id} and the version, created once per collection before its first relay. */
    private Mono<Void> versionIndex(String collection) {
        return versionIndexes.computeIfAbsent(
                collection,
                c -> mongo.indexOps(c)
                        .createIndex(new Index()
                                .on("_id", Sort.Direction.ASC)
                                .on(Outbox.VERSION, Sort.Direction.ASC)
                                .unique()
                                .named(VERSION_INDEX))
                        .then()
                        .cache(
                                ready -> Duration.ofMillis(Long.MAX_VALUE),
                                failed -> Duration.ZERO,
                                () -> Duration.ofMillis(Long.MAX_VALUE)));
    }

    /** Business events by type (requests received, cases opened, tasks assigned, escalations, ...). */
    private void countPublished(Document entry) {
        String type = entry.getString("eventType");
        meters.counter("qihu.events.published", "event_type", type == null ? "unknown" : type)
                .increment();
    }
}

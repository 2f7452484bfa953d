package qihu.support.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
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

    public OutboxRelay(ReactiveMongoTemplate mongo, EventPublisher publisher, Clock clock) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes one document's pending events. Never fails: what cannot be published now stays for the poller. */
    public Mono<Void> relay(String collection, Object id) {
        Query byId = query(where("_id").is(id));
        byId.fields().include(Outbox.ENTRIES);
        return mongo.findOne(byId, Document.class, collection)
                .flatMap(doc -> publishAndRemove(collection, doc))
                .onErrorResume(e -> {
                    log.warn("outbox relay of {}/{} deferred to the poller: {}", collection, id, e.toString());
                    return Mono.empty();
                });
    }

    /** Publishes the pending events of documents whose oldest event is older than the grace period. */
    public Mono<Long> relayOverdue(String collection, OutboxProperties properties) {
        Date cutoff = Date.from(clock.instant().minus(properties.grace()));
        Query due = query(where(Outbox.PENDING_SINCE).lt(cutoff)).limit(properties.batchSize());
        due.fields().include(Outbox.ENTRIES);
        return mongo.find(due, Document.class, collection)
                .concatMap(doc -> publishAndRemove(collection, doc).thenReturn(1))
                .count();
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
                        .thenReturn(entry.getString("eventId")))
                .collectList()
                .flatMap(published -> mongo.updateFirst(
                        query(where("_id").is(doc.get("_id"))),
                        new Update().pull(Outbox.ENTRIES, new Document("eventId", new Document("$in", published))),
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

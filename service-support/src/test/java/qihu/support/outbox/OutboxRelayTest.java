package qihu.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.ReportPublished;
import qihu.support.messaging.EventPublisher;
import qihu.support.testing.TestMongo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The relay against the embedded store through the real driver. The broker is replaced by a recording publisher
 * here, because these tests hold a publish half-way to make the races happen on purpose; the services' tests relay
 * through a real broker.
 */
class OutboxRelayTest {

    private static final String COLLECTION = "things";
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static MongoClient client;

    private final Outbox outbox = new Outbox(new EventCodec());
    private final RecordingPublisher published = new RecordingPublisher();
    private ReactiveMongoTemplate mongo;
    private OutboxRelay relay;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.uri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyStore() {
        mongo = new ReactiveMongoTemplate(client, "outbox-relay-" + UUID.randomUUID());
        relay = relayAt(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void publishesPendingEventsInOrderAndClearsTheDocument() {
        insertWithEvents("a", event("e1"), event("e2"));
        append("a", event("e3"));

        relay.relay(COLLECTION, "a").block();

        assertThat(published.eventIds()).containsExactly("e1", "e2", "e3");
        Document doc = document("a");
        assertThat(doc.getList(Outbox.ENTRIES, Document.class)).isEmpty();
        assertThat(doc).doesNotContainKey(Outbox.PENDING_SINCE);
        assertThat(leases()).isZero();
    }

    @Test
    void anEventAddedWhilePublishingIsPublishedToo() throws Exception {
        insertWithEvents("a", event("e1"));
        published.holdNext();

        CompletableFuture<Void> relaying = relay.relay(COLLECTION, "a").toFuture();
        published.awaitHeld();
        append("a", event("e2"));
        published.release();
        relaying.get(10, TimeUnit.SECONDS);

        assertThat(published.eventIds()).containsExactly("e1", "e2");
        assertThat(document("a")).doesNotContainKey(Outbox.PENDING_SINCE);
    }

    @Test
    void aSecondRelayLeavesADocumentBeingRelayedAlone() throws Exception {
        insertWithEvents("a", event("e1"), event("e2"));
        published.holdNext();

        CompletableFuture<Void> first = relay.relay(COLLECTION, "a").toFuture();
        published.awaitHeld();
        relay.relay(COLLECTION, "a").block();
        assertThat(published.eventIds()).isEmpty();
        published.release();
        first.get(10, TimeUnit.SECONDS);

        assertThat(published.eventIds()).containsExactly("e1", "e2");
    }

    @Test
    void theLeaseOfADeadRelayIsTakenOverOnceItExpires() {
        insertWithEvents("a", event("e1"));
        mongo.insert(
                        new Document("_id", COLLECTION + "/a").append("until", Date.from(NOW.plusSeconds(5))),
                        "outbox_leases")
                .block();

        relay.relay(COLLECTION, "a").block();
        assertThat(published.eventIds()).isEmpty();

        relayAt(Clock.fixed(NOW.plusSeconds(6), ZoneOffset.UTC))
                .relay(COLLECTION, "a")
                .block();
        assertThat(published.eventIds()).containsExactly("e1");
        assertThat(leases()).isZero();
    }

    @Test
    void aFailedPublishKeepsTheEventsAndGivesTheLeaseBack() {
        insertWithEvents("a", event("e1"), event("e2"));
        published.failNext();

        relay.relay(COLLECTION, "a").block();

        assertThat(published.eventIds()).isEmpty();
        assertThat(document("a").getList(Outbox.ENTRIES, Document.class)).hasSize(2);
        assertThat(document("a")).containsKey(Outbox.PENDING_SINCE);
        assertThat(leases()).isZero();
        assertThat(relay.lastMiss())
                .isGreaterThan(System.nanoTime() - Duration.ofSeconds(5).toNanos());

        relay.relay(COLLECTION, "a").block();
        assertThat(published.eventIds()).containsExactly("e1", "e2");
    }

    @Test
    void theWriterRelaysWhatItInsertedWithoutALease() throws Exception {
        List<OutboxEntry> inserted = insertWithEvents("a", event("e1"), event("e2"));
        published.holdNext();

        CompletableFuture<Void> relaying =
                relay.relayInserted(COLLECTION, "a", inserted).toFuture();
        published.awaitHeld();
        assertThat(leases()).isZero();
        published.release();
        relaying.get(10, TimeUnit.SECONDS);

        assertThat(published.eventIds()).containsExactly("e1", "e2");
        assertThat(document("a").getList(Outbox.ENTRIES, Document.class)).isEmpty();
        assertThat(document("a")).doesNotContainKey(Outbox.PENDING_SINCE);
    }

    @Test
    void anEventAddedAfterTheInsertIsRelayedToo() throws Exception {
        List<OutboxEntry> inserted = insertWithEvents("a", event("e1"));
        published.holdNext();

        CompletableFuture<Void> relaying =
                relay.relayInserted(COLLECTION, "a", inserted).toFuture();
        published.awaitHeld();
        append("a", event("e2"));
        published.release();
        relaying.get(10, TimeUnit.SECONDS);

        assertThat(published.eventIds()).containsExactly("e1", "e2");
        assertThat(document("a")).doesNotContainKey(Outbox.PENDING_SINCE);
        assertThat(leases()).isZero();
    }

    @Test
    void concurrentWritersSettleTogetherAndADocumentWithAnAddedEventIsStillDrained() {
        List<Mono<Void>> relays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<OutboxEntry> inserted = insertWithEvents("d" + i, event("e" + i));
            relays.add(relay.relayInserted(COLLECTION, "d" + i, inserted));
        }
        append("d7", event("late"));

        Flux.merge(relays).blockLast();

        assertThat(published.eventIds()).hasSize(21).contains("late", "e0", "e19");
        for (int i = 0; i < 20; i++) {
            assertThat(document("d" + i)).as("d" + i).doesNotContainKey(Outbox.PENDING_SINCE);
            assertThat(document("d" + i).getList(Outbox.ENTRIES, Document.class))
                    .isEmpty();
        }
    }

    @Test
    void whatTheWriterCouldNotPublishStaysForThePoller() {
        List<OutboxEntry> inserted = insertWithEvents("a", event("e1"));
        published.failNext();

        relay.relayInserted(COLLECTION, "a", inserted).block();

        assertThat(published.eventIds()).isEmpty();
        assertThat(document("a").getList(Outbox.ENTRIES, Document.class)).hasSize(1);
        assertThat(document("a")).containsKey(Outbox.PENDING_SINCE);
    }

    @Test
    void thePollerRelaysOnlyEventsOlderThanTheGracePeriod() {
        insertWithEvents("old", event("e1"));
        OutboxProperties properties = properties(List.of());

        assertThat(relayAt(Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC))
                        .relayOverdue(COLLECTION, properties)
                        .block())
                .isZero();
        assertThat(relayAt(Clock.fixed(NOW.plusSeconds(3), ZoneOffset.UTC))
                        .relayOverdue(COLLECTION, properties)
                        .block())
                .isOne();
        assertThat(published.eventIds()).containsExactly("e1");
    }

    @Test
    void inANotedCollectionThePollerFindsADeadWritersEventsByTheirNoteAndDropsTheNote() {
        relay.note(COLLECTION, "noted").block();
        insertWithEvents("noted", event("e1"));
        // Pending too, but never noted: the poller of a noted collection does not look for it.
        insertWithEvents("unnoted", event("e2"));
        OutboxProperties properties = properties(List.of(COLLECTION));
        assertThat(properties.scannedCollections()).isEmpty();

        assertThat(relayAt(Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC))
                        .relayNoted(COLLECTION, properties)
                        .block())
                .isZero();
        assertThat(relayAt(Clock.fixed(NOW.plusSeconds(3), ZoneOffset.UTC))
                        .relayNoted(COLLECTION, properties)
                        .block())
                .isOne();

        assertThat(published.eventIds()).containsExactly("e1");
        assertThat(document("noted").getList(Outbox.ENTRIES, Document.class)).isEmpty();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), OutboxRelay.NOTES)
                        .block())
                .isZero();
    }

    @Test
    void theRelayCreatesTheUniqueIndexOnIdAndVersion() {
        insertWithEvents("a", event("e1"));
        relay.relay(COLLECTION, "a").block();

        List<Document> indexes = mongo.getCollection(COLLECTION)
                .flatMapMany(c -> c.listIndexes())
                .collectList()
                .block();
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getString("name")).isEqualTo("outbox_version");
            assertThat(index.get("key", Document.class).keySet()).containsExactly("_id", Outbox.VERSION);
            assertThat(index.getBoolean("unique")).isTrue();
        });
    }

    /** A grace period of 2 s; {@code noted}: the collections whose writers note their documents. */
    private static OutboxProperties properties(List<String> noted) {
        return new OutboxProperties(
                List.of(COLLECTION),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                200,
                Duration.ofSeconds(30),
                noted);
    }

    private OutboxRelay relayAt(Clock clock) {
        return new OutboxRelay(mongo, published, clock, Duration.ofSeconds(30), new SimpleMeterRegistry());
    }

    private EventEnvelope<ReportPublished> event(String eventId) {
        return EventEnvelope.of(
                eventId,
                NOW,
                "corr-" + eventId,
                new ReportPublished(
                        "r-" + eventId,
                        "weekly",
                        LocalDate.of(2026, 11, 16),
                        LocalDate.of(2026, 11, 22),
                        List.of("json")));
    }

    private List<OutboxEntry> insertWithEvents(String id, EventEnvelope<?>... events) {
        List<Document> entries = new ArrayList<>();
        List<OutboxEntry> inserted = outbox.entries(events);
        for (OutboxEntry entry : inserted) {
            entries.add(new Document("eventId", entry.eventId())
                    .append("eventType", entry.eventType())
                    .append("topic", entry.topic())
                    .append("key", entry.key())
                    .append("json", entry.json())
                    .append("enqueuedAt", Date.from(entry.enqueuedAt())));
        }
        mongo.insert(
                        new Document("_id", id)
                                .append(Outbox.ENTRIES, entries)
                                .append(Outbox.PENDING_SINCE, Date.from(NOW)),
                        COLLECTION)
                .block();
        return inserted;
    }

    private void append(String id, EventEnvelope<?>... events) {
        mongo.updateFirst(query(where("_id").is(id)), outbox.append(new Update(), events), COLLECTION)
                .block();
    }

    private Document document(String id) {
        return mongo.findById(id, Document.class, COLLECTION).block();
    }

    private long leases() {
        return mongo.count(new org.springframework.data.mongodb.core.query.Query(), OutboxRelay.LEASES)
                .block();
    }

    /** Records what would have gone to the broker; can hold or fail the next publish. */
    private static final class RecordingPublisher extends EventPublisher {

        private final List<String> eventIds = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile CountDownLatch release = new CountDownLatch(0);
        private volatile boolean failNext;

        RecordingPublisher() {
            super(null, null);
        }

        @Override
        public void publish(String topic, String key, String json) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("broker away");
            }
            CountDownLatch waitFor = release;
            held.countDown();
            try {
                if (!waitFor.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the publish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            release = new CountDownLatch(0);
            eventIds.add(json.replaceAll(".*\"eventId\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        }

        void holdNext() {
            held = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(10, TimeUnit.SECONDS)).as("a publish started").isTrue();
        }

        void release() {
            release.countDown();
        }

        void failNext() {
            failNext = true;
        }

        List<String> eventIds() {
            return List.copyOf(eventIds);
        }
    }
}

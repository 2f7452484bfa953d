package qihu.dispatch.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import qihu.support.testing.TestMongo;
import reactor.core.publisher.Mono;

/** One runner at a time, however long its run; a dead runner's lease lapses; a run whose lease was lost stops. */
class TimerLeaseTest {

    private static final Duration LENGTH = Duration.ofSeconds(3);

    private static MongoClient client;
    private ReactiveMongoTemplate mongo;

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
        mongo = new ReactiveMongoTemplate(client, "timer_lease_test");
        mongo.dropCollection(TimerLease.COLLECTION).block();
    }

    @Test
    void aRunLongerThanTheLeaseKeepsItByRenewingIt() {
        TimerLease first = new TimerLease(mongo, Clock.systemUTC(), LENGTH);
        TimerLease second = new TimerLease(mongo, Clock.systemUTC(), LENGTH);

        // The first run lasts three lease lengths; the second runner keeps trying meanwhile.
        Mono<String> longRun =
                first.run("sla-timers", () -> Mono.delay(LENGTH.multipliedBy(3)).thenReturn("done"), "idle");
        var running = longRun.toFuture();
        Instant until = Instant.now().plus(LENGTH.multipliedBy(3)).minusMillis(500);
        while (Instant.now().isBefore(until)) {
            assertThat(second.run("sla-timers", () -> Mono.just("fired"), "idle")
                            .block())
                    .as("a second runner while the first one's run goes on")
                    .isEqualTo("idle");
            sleep(Duration.ofMillis(400));
        }

        assertThat(running.join()).isEqualTo("done");
        assertThat(second.run("sla-timers", () -> Mono.just("fired"), "idle").block())
                .isEqualTo("fired");
    }

    @Test
    void aDeadRunnersLeaseLapsesAfterItsLength() {
        // What a runner killed in the middle of its run leaves behind.
        Instant now = Instant.parse("2026-11-23T08:00:00Z");
        mongo.insert(
                        new Document("_id", "claim-timers")
                                .append("holder", "killed")
                                .append("until", Date.from(now.plus(LENGTH))),
                        TimerLease.COLLECTION)
                .block();

        assertThat(new TimerLease(
                                mongo,
                                Clock.fixed(
                                        now.plus(LENGTH).minusMillis(1),
                                        Clock.systemUTC().getZone()),
                                LENGTH)
                        .run("claim-timers", () -> Mono.just("fired"), "idle")
                        .block())
                .isEqualTo("idle");
        assertThat(new TimerLease(
                                mongo,
                                Clock.fixed(
                                        now.plus(LENGTH).plusMillis(1),
                                        Clock.systemUTC().getZone()),
                                LENGTH)
                        .run("claim-timers", () -> Mono.just("fired"), "idle")
                        .block())
                .isEqualTo("fired");
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStops() {
        TimerLease lease = new TimerLease(mongo, Clock.systemUTC(), LENGTH);
        AtomicBoolean stopped = new AtomicBoolean();

        var running = lease.run(
                        "notices",
                        () -> Mono.delay(Duration.ofMinutes(5))
                                .thenReturn("done")
                                .doOnCancel(() -> stopped.set(true)),
                        "idle")
                .toFuture();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.exists(query(where("_id").is("notices")), TimerLease.COLLECTION)
                        .block());
        // Another runner took the lease over (as if this one had missed its renewals).
        mongo.updateFirst(
                        query(where("_id").is("notices")),
                        new Update().set("holder", "someone else"),
                        TimerLease.COLLECTION)
                .block();

        await().atMost(LENGTH.multipliedBy(3)).untilTrue(stopped);
        assertThat(running.join()).isNull();
        assertThat(mongo.findById("notices", Document.class, TimerLease.COLLECTION)
                        .block()
                        .getString("holder"))
                .as("the other runner's lease is left alone")
                .isEqualTo("someone else");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

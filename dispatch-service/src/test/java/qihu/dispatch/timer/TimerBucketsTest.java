package qihu.dispatch.timer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.dispatch.timer.TimerBuckets.Drained;
import qihu.support.testing.TestMongo;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The bucket store against the embedded Mongo-compatible server: what is due is read, the rest is not. */
class TimerBucketsTest {

    private static final Instant ARMED = Instant.parse("2026-11-23T01:00:00Z");

    private static MongoClient client;
    private ReactiveMongoTemplate mongo;
    private TimerBuckets buckets;

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
        mongo = new ReactiveMongoTemplate(client, "timer_buckets_test");
        mongo.dropCollection("timers").block();
        buckets = new TimerBuckets(mongo, "timers", 4, 2);
    }

    @Test
    void aDrainReadsTheTimersDueNowFromPastMinutesAndTheCurrentOneButNoneLater() {
        buckets.armAll(List.of(
                        timer("past", "2026-11-23T10:00:59Z"),
                        timer("now-due", "2026-11-23T10:01:10Z"),
                        timer("now-later", "2026-11-23T10:01:50Z"),
                        timer("next-minute", "2026-11-23T10:02:00Z")))
                .block();

        List<String> read = new ArrayList<>();
        buckets.drain(Instant.parse("2026-11-23T10:01:30Z"), 100, due -> {
                    due.forEach(t -> read.add(t.key()));
                    return Mono.just(new Drained(due, due.size()));
                })
                .block();

        assertThat(read).containsExactlyInAnyOrder("past", "now-due");
        assertThat(keysLeft()).containsExactlyInAnyOrder("now-later", "next-minute");
    }

    @Test
    void timersTheReaderDidNotDealWithStayForTheNextDrain() {
        buckets.armAll(List.of(timer("fired", "2026-11-23T10:00:00Z"), timer("kept", "2026-11-23T10:00:00Z")))
                .block();

        buckets.drain(
                        Instant.parse("2026-11-23T10:05:00Z"),
                        100,
                        due -> Mono.just(new Drained(
                                due.stream()
                                        .filter(t -> t.key().equals("fired"))
                                        .toList(),
                                1)))
                .block();
        assertThat(keysLeft()).containsExactly("kept");

        List<String> readAgain = new ArrayList<>();
        buckets.drain(Instant.parse("2026-11-23T10:05:05Z"), 100, due -> {
                    due.forEach(t -> readAgain.add(t.key()));
                    return Mono.just(new Drained(due, due.size()));
                })
                .block();
        assertThat(readAgain).containsExactly("kept");
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "timers")
                        .block())
                .as("emptied buckets are removed")
                .isZero();
    }

    @Test
    void armingTheSameTimerTwiceKeepsOneAndACancelTakesItOut() {
        TimerEntry twice = timer("task-1", "2026-11-23T10:00:00Z");
        buckets.arm(twice).block();
        buckets.arm(twice).block();
        buckets.arm(timer("task-2", "2026-11-23T10:00:00Z")).block();
        assertThat(keysLeft()).containsExactlyInAnyOrder("task-1", "task-2");

        buckets.cancel("task-1", Instant.parse("2026-11-23T10:00:00Z")).block();

        assertThat(keysLeft()).containsExactly("task-2");
    }

    @Test
    void aBurstDueInOneMinuteIsSpreadOverTheShardsAndReadInChunks() {
        List<TimerEntry> burst = IntStream.range(0, 1000)
                .mapToObj(i -> timer("task-" + i, "2026-11-23T15:59:59Z"))
                .toList();
        buckets.armAll(burst).block();

        assertThat(mongo.findAll(Document.class, "timers").collectList().block())
                .hasSize(4)
                .allSatisfy(bucket -> assertThat(TimerBuckets.timersIn(bucket)).hasSizeLessThan(400));
        List<Integer> chunks = new ArrayList<>();
        long fired = buckets.drain(Instant.parse("2026-11-23T16:00:00Z"), 100, due -> {
                    chunks.add(due.size());
                    return Mono.just(new Drained(due, due.size()));
                })
                .block();

        assertThat(fired).isEqualTo(1000);
        assertThat(chunks).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
        assertThat(keysLeft()).isEmpty();
    }

    @Test
    void aTasksNoticesFallIntoItsOwnShard() {
        List<TimerEntry> timers = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> {
            timers.add(timer("task-" + i, "2026-11-23T10:00:00Z"));
            timers.add(timer(TimerBuckets.groupedKey("task-" + i, "notice-" + i), "2026-11-23T10:00:00Z"));
        });
        buckets.armAll(timers).block();

        assertThat(mongo.findAll(Document.class, "timers").collectList().block())
                .allSatisfy(bucket -> assertThat(TimerBuckets.timersIn(bucket).stream()
                                .map(t -> t.key().replaceFirst("/.*", ""))
                                .distinct()
                                .map(task -> TimerBuckets.timersIn(bucket).stream()
                                        .filter(t ->
                                                t.key().replaceFirst("/.*", "").equals(task))
                                        .count()))
                        .allSatisfy(timersOfTask -> assertThat(timersOfTask).isEqualTo(2L)));
    }

    @Test
    void keysWithDotsAndDollarsAreTimersOfTheirOwn() {
        buckets.armAll(List.of(
                        timer("case.1-r1", "2026-11-23T10:00:00Z"),
                        timer("$case%2E1-r1", "2026-11-23T10:00:00Z"),
                        timer("case%2E1-r1", "2026-11-23T10:00:00Z")))
                .block();
        assertThat(keysLeft()).containsExactlyInAnyOrder("case.1-r1", "$case%2E1-r1", "case%2E1-r1");

        buckets.cancel("case.1-r1", Instant.parse("2026-11-23T10:00:00Z")).block();

        assertThat(keysLeft()).containsExactlyInAnyOrder("$case%2E1-r1", "case%2E1-r1");
    }

    @Test
    void theShardsOfOneMinuteAreDrainedTogetherButAKeyIsNeverInTwoChunksAtOnce() {
        List<TimerEntry> timers = new ArrayList<>();
        for (String minute : List.of("2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z")) {
            IntStream.range(0, 200).forEach(i -> timers.add(timer("task-" + i, minute)));
        }
        buckets.armAll(timers).block();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger chunksAtOnce = new AtomicInteger();
        AtomicInteger mostChunksAtOnce = new AtomicInteger();
        List<String> twice = new CopyOnWriteArrayList<>();

        // Each chunk waits until two are in flight (once): only shards drained together get past it at once.
        Sinks.One<Boolean> twoAtOnce = Sinks.one();

        long fired = buckets.drain(Instant.parse("2026-11-23T10:02:00Z"), 20, due -> {
                    int atOnce = chunksAtOnce.incrementAndGet();
                    mostChunksAtOnce.accumulateAndGet(atOnce, Math::max);
                    if (atOnce == 2) {
                        twoAtOnce.tryEmitValue(true);
                    }
                    due.stream()
                            .map(TimerEntry::key)
                            .filter(key -> !inFlight.add(key))
                            .forEach(twice::add);
                    return twoAtOnce
                            .asMono()
                            .timeout(Duration.ofSeconds(10), Mono.just(false))
                            .then(Mono.fromSupplier(() -> {
                                due.forEach(t -> inFlight.remove(t.key()));
                                chunksAtOnce.decrementAndGet();
                                return new Drained(due, due.size());
                            }));
                })
                .block();

        assertThat(fired).isEqualTo(400);
        assertThat(twice).isEmpty();
        assertThat(mostChunksAtOnce.get()).isEqualTo(2);
        assertThat(keysLeft()).isEmpty();
    }

    private static TimerEntry timer(String key, String at) {
        return TimerEntry.of(key, Instant.parse(at), ARMED);
    }

    private List<String> keysLeft() {
        return mongo.findAll(Document.class, "timers")
                .flatMapIterable(TimerBuckets::timersIn)
                .map(TimerEntry::key)
                .collectList()
                .block();
    }
}

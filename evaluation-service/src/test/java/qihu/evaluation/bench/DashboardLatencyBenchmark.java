package qihu.evaluation.bench;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.evaluation.dashboard.DashboardFeed;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.OwnerLevel;
import qihu.events.TaskResolved;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run on purpose, not in the build: how long a case event takes to reach an open dashboard under load. The whole
 * service runs in this JVM against the real embedded Kafka broker and the embedded store; an admin's dashboard
 * stream is open (through the service's WebFlux handlers, signed in with a mock JWT); events are published at
 * {@code -Dqihu.bench.rate} per second (default 500) for {@code -Dqihu.bench.seconds} (default 60), consumed by
 * {@code -Dqihu.bench.concurrency} listener threads (default 1, as the service runs): alternately a
 * case.opened (triage's topic) and, for the case opened a second earlier, a task.resolved (the lifecycle topic).
 * A warm-up run at the same rate ({@code -Dqihu.bench.warmup} seconds, default 30) comes first and is not measured.
 * An event has reached the dashboard when a snapshot counts it: today's intake for an opened case, cases awaiting a
 * rating for a resolved one (counted in the order sent; two partitions may reorder a few, so a count reached by a
 * later event credits an earlier one a little early).
 *
 * <pre>
 * ./mvnw -B -ntp -pl evaluation-service verify -DskipITs -Dspotless.check.skip=true \
 *     -Dtest=DashboardLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dqihu.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "qihu.bench", matches = "true")
@QihuServiceTest
@TestPropertySource(
        properties = {
            "qihu.evaluation.poll-interval=1h",
            "spring.cloud.stream.bindings.followCases-in-0.consumer.concurrency=${qihu.bench.concurrency:1}"
        })
class DashboardLatencyBenchmark extends ServiceTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Autowired
    DashboardFeed feed;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aCaseEventReachesAnOpenDashboard() throws Exception {
        int rate = Integer.getInteger("qihu.bench.rate", 500);
        int seconds = Integer.getInteger("qihu.bench.seconds", 60);
        int warmUp = Integer.getInteger("qihu.bench.warmup", 30);
        dropDatabase();
        feed.rebuild().block(Duration.ofMinutes(1));
        AtomicReference<Run> current = new AtomicReference<>(new Run("warm-", rate * warmUp, 0, 0));
        AtomicLong snapshots = new AtomicLong();

        WebTestClient http = WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .responseTimeout(Duration.ofMinutes(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20))
                .build();
        Disposable stream = http.mutateWith(mockJwt()
                        .jwt(token -> token.subject("admin")
                                .claim("roles", List.of("admin"))
                                .claim("region", "330000")))
                .get()
                .uri("/api/v1/dashboard/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody()
                .filter(event -> "snapshot".equals(event.event()))
                .subscribe(event -> {
                    long at = System.nanoTime();
                    JsonNode snapshot = JSON.readTree(event.data());
                    Run run = current.get();
                    run.seen(
                            snapshot.get("intakeToday").asInt(),
                            snapshot.get("awaitingFeedback").asInt(),
                            at);
                    if (snapshots.incrementAndGet() % 25 == 0) {
                        report(
                                "  %s snapshot at %.1f s: counted %d opened, %d resolved",
                                run.prefix, (at - run.start) / 1e9, run.openedSeen, run.resolvedSeen);
                    }
                });
        Thread.sleep(3000);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            // A warm-up at the same rate (JIT, connections, pools), not measured; the measured run starts once the
            // dashboard has counted all of it.
            Run warm = current.get();
            send(producer, warm, rate, warmUp);
            drained(warm, "warm-up");
            Run measured = new Run("", rate * seconds, warm.openedSent, warm.resolvedSent);
            current.set(measured);
            long cpuBefore = processCpuNanos();
            send(producer, measured, rate, seconds);
            drained(measured, "measured run");
            double elapsed = (System.nanoTime() - measured.start) / 1e9;
            report(
                    "dashboard snapshots received: %d in all; this JVM (service, broker, store, driver) used %.1f s of"
                            + " CPU in the %.1f s of the measured run (%.2f of the 2 cores)",
                    snapshots.get(),
                    (processCpuNanos() - cpuBefore) / 1e9,
                    elapsed,
                    (processCpuNanos() - cpuBefore) / 1e9 / elapsed);
            summary("case.opened → dashboard (today's intake)", measured.opened);
            summary("task.resolved → dashboard (awaiting a rating)", measured.resolved);
            Histogram all = measured.opened.copy();
            all.add(measured.resolved);
            summary("every event → dashboard", all);
            report(
                    "events counted within 1 s: %.2f %%",
                    100.0 * all.getCountBetweenValues(0, 1_000_000) / Math.max(1, all.getTotalCount()));
        } finally {
            stream.dispose();
        }
    }

    /**
     * One run's events and when each was sent; {@code baseOpened}/{@code baseResolved} are the counts the dashboard
     * shows from earlier runs. The snapshot subscriber writes, the test thread reads when the run has drained.
     */
    private static final class Run {
        final String prefix;
        final long[] openedAt;
        final long[] resolvedAt;
        final int baseOpened;
        final int baseResolved;
        final Histogram opened = new Histogram(3);
        final Histogram resolved = new Histogram(3);
        volatile int openedSent;
        volatile int resolvedSent;
        volatile int openedSeen;
        volatile int resolvedSeen;
        volatile long start = System.nanoTime();

        Run(String prefix, int events, int baseOpened, int baseResolved) {
            this.prefix = prefix;
            this.openedAt = new long[events];
            this.resolvedAt = new long[events];
            this.baseOpened = baseOpened;
            this.baseResolved = baseResolved;
        }

        void seen(int intakeToday, int awaitingRating, long at) {
            openedSeen = credit(intakeToday - baseOpened, openedAt, openedSeen, openedSent, opened, at);
            resolvedSeen = credit(awaitingRating - baseResolved, resolvedAt, resolvedSeen, resolvedSent, resolved, at);
        }

        boolean drained() {
            return openedSeen >= openedSent && resolvedSeen >= resolvedSent;
        }
    }

    /** Sends the run's events at {@code rate} for {@code seconds}: opened cases, and resolutions a second later. */
    private void send(KafkaProducer<String, byte[]> producer, Run run, int rate, int seconds) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        run.start = start;
        for (long tick = 0; tick < (long) rate * seconds; tick++) {
            long due = start + tick * interval;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(Math.max(1, due - System.nanoTime()));
            }
            EventEnvelope<?> event;
            // Odd ticks resolve a case opened about a second before (the first second only opens cases).
            if (tick % 2 == 0 || run.resolvedSent >= run.openedSent - rate / 2) {
                event = opened(run.prefix + run.openedSent);
                run.openedAt[run.openedSent] = System.nanoTime();
                run.openedSent++;
            } else {
                event = resolved(run.prefix + run.resolvedSent);
                run.resolvedAt[run.resolvedSent] = System.nanoTime();
                run.resolvedSent++;
            }
            producer.send(new ProducerRecord<>(event.topic(), event.key(), codec.encode(event)));
        }
        producer.flush();
        double took = (System.nanoTime() - start) / 1e9;
        report(
                "%ssent %d case.opened + %d task.resolved in %.1f s (%.0f events/s offered, %d/s asked)",
                run.prefix, run.openedSent, run.resolvedSent, took, (run.openedSent + run.resolvedSent) / took, rate);
    }

    /** Waits (up to {@code -Dqihu.bench.drain} seconds, default 180) until the dashboard has counted the run. */
    private static void drained(Run run, String what) throws InterruptedException {
        long waitUntil = System.nanoTime() + Integer.getInteger("qihu.bench.drain", 180) * 1_000_000_000L;
        while (!run.drained() && System.nanoTime() < waitUntil) {
            Thread.sleep(200);
        }
        report(
                "%s: the dashboard counted %d of %d opened, %d of %d resolved, %.1f s after the run began",
                what,
                run.openedSeen,
                run.openedSent,
                run.resolvedSeen,
                run.resolvedSent,
                (System.nanoTime() - run.start) / 1e9);
    }

    /**
     * Records the latency of every sent event the snapshot's {@code count} covers and no earlier snapshot did (it
     * reached the dashboard at {@code at}); returns how many are counted now.
     */
    private static int credit(int count, long[] sentAt, int seen, int sent, Histogram latency, long at) {
        int to = Math.min(count, sent);
        for (int i = seen; i < to; i++) {
            latency.recordValue(Math.max(0, (at - sentAt[i]) / 1000));
        }
        return Math.max(seen, to);
    }

    private EventEnvelope<?> opened(String n) {
        Instant now = Instant.now();
        String caseId = "bench-" + n;
        CaseOpened opened = new CaseOpened(
                caseId,
                "QH-BENCH-" + n,
                "req-" + caseId,
                "zheliban",
                new Enterprise(null, "企业" + n),
                n.hashCode() % 2 == 0 ? "330782" : "330702",
                "厂房消防验收迟迟未办结",
                "厂房消防验收迟迟未办结，第" + n + "号",
                new Classification("PROJECT", Complexity.GENERAL, OwnerLevel.COUNTY, 0.9),
                now);
        return EventEnvelope.of(EventIds.of(EventType.CASE_OPENED, caseId), now, "req-" + caseId, opened);
    }

    private EventEnvelope<?> resolved(String n) {
        Instant now = Instant.now();
        String caseId = "bench-" + n;
        String taskId = caseId + "-r1";
        return EventEnvelope.of(
                EventIds.of(EventType.TASK_RESOLVED, taskId),
                now,
                "req-" + caseId,
                new TaskResolved(
                        caseId, taskId, 1, "330782-project", "handler", "已办理", now, now.plusSeconds(86_400), true));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                // Pinned: Kafka 4's default is 5 ms; each event is sent as soon as it is made.
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void summary(String what, Histogram h) {
        report(
                "%s: %d events; ms p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f",
                what,
                h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    private static void report(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}

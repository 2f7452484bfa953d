package qihu.evaluation.bench;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * {@code -Dqihu.bench.rate} per second (default 500) for {@code -Dqihu.bench.seconds} (default 60): alternately a
 * case.opened (triage's topic) and, for the case opened a second earlier, a task.resolved (the lifecycle topic).
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
@TestPropertySource(properties = "qihu.evaluation.poll-interval=1h")
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
        int cases = rate * seconds / 2 + 1;
        dropDatabase();
        feed.rebuild().block(Duration.ofMinutes(1));

        long[] openedSent = new long[cases];
        long[] resolvedSent = new long[cases];
        Histogram opened = new Histogram(3);
        Histogram resolved = new Histogram(3);
        AtomicInteger openedSeen = new AtomicInteger();
        AtomicInteger resolvedSeen = new AtomicInteger();
        AtomicLong snapshots = new AtomicLong();
        AtomicLongArray baseline = new AtomicLongArray(2);

        WebTestClient http = WebTestClient.bindToApplicationContext(context)
                .apply(springSecurity())
                .configureClient()
                .responseTimeout(Duration.ofMinutes(10))
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
                    snapshots.incrementAndGet();
                    credit(snapshot.get("intakeToday").asInt(), openedSent, openedSeen, opened, at);
                    credit(snapshot.get("awaitingFeedback").asInt(), resolvedSent, resolvedSeen, resolved, at);
                });
        Thread.sleep(3000);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            int sentOpened = 0;
            int sentResolved = 0;
            for (long tick = 0; tick < (long) rate * seconds; tick++) {
                long due = start + tick * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(Math.max(1, due - System.nanoTime()));
                }
                EventEnvelope<?> event;
                if (tick % 2 == 0 || sentResolved >= sentOpened - rate / 2) {
                    event = opened(sentOpened);
                    openedSent[sentOpened++] = System.nanoTime();
                } else {
                    event = resolved(sentResolved);
                    resolvedSent[sentResolved++] = System.nanoTime();
                }
                producer.send(new ProducerRecord<>(event.topic(), event.key(), codec.encode(event)));
            }
            long sendEnd = System.nanoTime();
            producer.flush();
            report(
                    "sent %d case.opened + %d task.resolved in %.1f s (%.0f events/s offered, %d/s asked)",
                    sentOpened,
                    sentResolved,
                    (sendEnd - start) / 1e9,
                    (sentOpened + sentResolved) / ((sendEnd - start) / 1e9),
                    rate);
            long waitUntil = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while ((openedSeen.get() < sentOpened || resolvedSeen.get() < sentResolved)
                    && System.nanoTime() < waitUntil) {
                Thread.sleep(200);
            }
            report(
                    "dashboard snapshots received: %d; counted %d of %d opened, %d of %d resolved",
                    snapshots.get(), openedSeen.get(), sentOpened, resolvedSeen.get(), sentResolved);
        } finally {
            stream.dispose();
        }
        summary("case.opened → dashboard (today's intake)", opened);
        summary("task.resolved → dashboard (awaiting a rating)", resolved);
        Histogram all = opened.copy();
        all.add(resolved);
        summary("every event → dashboard", all);
        report(
                "events counted under 1 s: %.2f %%",
                100.0 * all.getCountBetweenValues(0, 1_000_000) / all.getTotalCount());
    }

    /** Every sent event the snapshot's {@code count} now covers and no earlier snapshot did: reached at {@code at}. */
    private static void credit(int count, long[] sent, AtomicInteger seen, Histogram latency, long at) {
        int from = seen.get();
        int to = Math.min(count, sent.length);
        for (int i = from; i < to; i++) {
            if (sent[i] != 0) {
                latency.recordValue(Math.max(0, (at - sent[i]) / 1000));
            }
        }
        if (to > from) {
            seen.set(to);
        }
    }

    private EventEnvelope<?> opened(int n) {
        Instant now = Instant.now();
        String caseId = "bench-" + n;
        CaseOpened opened = new CaseOpened(
                caseId,
                "QH-BENCH-" + n,
                "req-" + caseId,
                "zheliban",
                new Enterprise(null, "企业" + n),
                n % 2 == 0 ? "330782" : "330702",
                "厂房消防验收迟迟未办结",
                "厂房消防验收迟迟未办结，第" + n + "号",
                new Classification("PROJECT", Complexity.GENERAL, OwnerLevel.COUNTY, 0.9),
                now);
        return EventEnvelope.of(EventIds.of(EventType.CASE_OPENED, caseId), now, "req-" + caseId, opened);
    }

    private EventEnvelope<?> resolved(int n) {
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

package qihu.dispatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerBuckets;
import qihu.dispatch.timer.TimerEntry;
import qihu.events.Complexity;
import qihu.events.OwnerLevel;
import qihu.events.SlaColour;
import qihu.events.Topics;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * Issue 5's timer benchmark, run on purpose only ({@code -Dqihu.bench=true}): arms {@code qihu.bench.timers} (1M)
 * SLA timers on as many tasks in the embedded store, {@code qihu.bench.due} (100k) of them due within one minute and
 * the rest on the ends of the next 30 days, then lets the service's own poller ({@code SlaPoller}, default interval)
 * fire them and reports how long after the minute's end the last one fired, and how many warnings reached the topic
 * (all, and distinct event ids).
 */
@QihuServiceTest
@EnabledIfSystemProperty(named = "qihu.bench", matches = "true")
@TestPropertySource(properties = {"logging.level.qihu.dispatch.sla.SlaTimers=WARN"})
class TimerBurstBenchmark extends ServiceTestSupport {

    private static final int TIMERS = Integer.getInteger("qihu.bench.timers", 1_000_000);
    private static final int DUE = Integer.getInteger("qihu.bench.due", 100_000);
    private static final int INSERT_BATCH = 10_000;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TaskTimers taskTimers;

    @Test
    void oneMillionArmedTimersWithOneHundredThousandDueInOneMinute() throws Exception {
        emptyCollections();
        Instant start = Instant.now();
        report(
                "machine",
                ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors() + " cpus, load "
                        + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ", max heap "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");

        // The timers not due: ends of the next 30 days (23:59:59 Asia/Shanghai), as SLA points are.
        Instant firstDay = start.truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(15).plusMinutes(59).plusSeconds(59));
        long t0 = System.nanoTime();
        // Day by day, so that a batch of arms fills the buckets of one minute, not of all 30.
        arm(0, TIMERS - DUE, i -> firstDay.plus(1 + (long) i * 30 / (TIMERS - DUE), ChronoUnit.DAYS));
        report("armed not due", (TIMERS - DUE) + " tasks + timers in " + seconds(t0) + " s");

        // The burst: spread over one whole minute, starting at the second minute from now.
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.MINUTES);
        long t1 = System.nanoTime();
        arm(TIMERS - DUE, TIMERS, i -> minute.plusMillis((long) (i % DUE) * 60_000 / DUE));
        report(
                "armed due",
                DUE + " tasks + timers in " + seconds(t1) + " s, due " + minute + " .. " + minute.plusSeconds(60));
        report("store", storeFigures());
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        report(
                "heap used after arming (store, broker, service in one JVM)",
                (runtime.totalMemory() - runtime.freeMemory()) / (1 << 20) + " MiB");

        double before = yellow();
        Instant minuteEnd = minute.plusSeconds(60);
        Instant deadline = minuteEnd.plusSeconds(300);
        Map<Long, Double> progress = new TreeMap<>();
        Instant allFired = null;
        while (Instant.now().isBefore(deadline)) {
            double fired = yellow() - before;
            long second = Duration.between(minute, Instant.now()).toSeconds();
            progress.put(second, fired);
            if (fired >= DUE) {
                allFired = Instant.now();
                break;
            }
            Thread.sleep(200);
        }
        progress.entrySet().stream()
                .filter(e -> e.getKey() % 10 == 0)
                .forEach(e -> report(
                        "fired by second " + e.getKey() + " of the minute",
                        String.valueOf(e.getValue().longValue())));
        assertThat(allFired)
                .as("all %d fired within 5 minutes of the minute's end", DUE)
                .isNotNull();
        report(
                "all fired",
                Duration.between(minuteEnd, allFired).toMillis() + " ms after the due minute's end ("
                        + Duration.between(minute, allFired).toMillis() + " ms after its start)");

        long yellowTasks = mongo.count(Query.query(Criteria.where("slaColour").is(SlaColour.YELLOW)), Task.class)
                .block();
        report("tasks marked yellow in the store", String.valueOf(yellowTasks));
        long[] onTopic = warningsOnTopic();
        report(
                "sla.warning-raised on the topic",
                onTopic[0] + " records, " + onTopic[1] + " distinct event ids: " + (onTopic[0] - onTopic[1])
                        + " doubles, " + (DUE - onTopic[1]) + " missing");
        report(
                "fired per second",
                String.format(
                                "%.0f",
                                DUE
                                        * 1000.0
                                        / Duration.between(minute, allFired).toMillis())
                        + " over the minute and what followed it");
        report("notice timers armed", String.valueOf(timersIn(TaskTimers.NOTICES)));
        report(
                "load average after",
                String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

        assertThat(yellowTasks).isEqualTo(DUE);
        assertThat(onTopic[0]).isEqualTo(DUE);
        assertThat(onTopic[1]).isEqualTo(DUE);
    }

    /**
     * Removes every document but keeps the collections and their indexes: the service creates some indexes once, at
     * its first use (the SLA mark's), and a dropped one would leave every mark to scan the million tasks.
     */
    private void emptyCollections() {
        mongo.getCollectionNames()
                .filter(name -> !name.startsWith("system."))
                .concatMap(name -> mongo.remove(new Query(), name))
                .then()
                .block();
    }

    /** Inserts the tasks in batches, and arms their timers as the service does ({@code TimerBuckets.armAll}). */
    private void arm(int from, int to, IntFunction<Instant> pointOf) {
        Instant now = Instant.now();
        long tasksNanos = 0;
        long timersNanos = 0;
        // One task mapped as the service maps it; the others are copies with their own ids and points.
        Document mapped = new Document();
        mongo.getConverter().write(task(0, now, now), mapped);
        for (int batch = from; batch < to; batch += INSERT_BATCH) {
            List<Document> tasks = new ArrayList<>(INSERT_BATCH);
            List<TimerEntry> timers = new ArrayList<>(INSERT_BATCH);
            for (int i = batch; i < Math.min(to, batch + INSERT_BATCH); i++) {
                Instant at = pointOf.apply(i);
                String caseId = "bench-" + i;
                String taskId = Task.idOf(caseId, 1);
                Document task = new Document(mapped)
                        .append("_id", taskId)
                        .append("caseId", caseId)
                        .append("caseNumber", "QH-BENCH-" + i)
                        .append("correlationId", caseId)
                        .append("slaNextAt", Date.from(at))
                        .append("dueAt", Date.from(at.plus(1, ChronoUnit.DAYS)));
                tasks.add(task);
                timers.add(TimerEntry.of(taskId, at, now));
            }
            long t = System.nanoTime();
            mongo.insert(tasks, Task.COLLECTION).then().block();
            tasksNanos += System.nanoTime() - t;
            t = System.nanoTime();
            taskTimers.sla().armAll(timers).block();
            timersNanos += System.nanoTime() - t;
        }
        report(
                "  of which",
                "tasks " + String.format("%.1f", tasksNanos / 1e9) + " s, timers "
                        + String.format("%.1f", timersNanos / 1e9) + " s");
    }

    private static Task task(int i, Instant at, Instant now) {
        String caseId = "bench-" + i;
        return new Task(
                Task.idOf(caseId, 1),
                caseId,
                "QH-BENCH-" + i,
                "bench-" + i,
                1,
                TaskStatus.ASSIGNED,
                "企业用电报装进度咨询",
                "企业新厂房用电报装已提交两周，询问办理进度。",
                "SUQIU",
                Complexity.GENERAL,
                "330782-esc",
                "义乌市企业综合服务中心",
                "330782",
                OwnerLevel.COUNTY,
                3,
                now.minus(2, ChronoUnit.DAYS),
                at.plus(1, ChronoUnit.DAYS),
                false,
                SlaColour.GREEN,
                at,
                0,
                1,
                List.of(),
                null,
                null,
                null,
                List.of(),
                null,
                null,
                0,
                0,
                0,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null);
    }

    private double yellow() {
        return meters.counter("qihu.sla.colour.changes", "colour", SlaColour.YELLOW.name())
                .count();
    }

    private long timersIn(String collection) {
        return mongo.findAll(Document.class, collection)
                .map(bucket -> (long) TimerBuckets.timersIn(bucket).size())
                .reduce(0L, Long::sum)
                .block();
    }

    private String storeFigures() {
        List<String> figures = new ArrayList<>();
        for (String collection : List.of(Task.COLLECTION, TaskTimers.SLA)) {
            Document stats =
                    mongo.executeCommand(new Document("collStats", collection)).block();
            figures.add(collection + ": " + stats.get("count") + " documents, "
                    + ((Number) stats.get("size")).longValue() / (1 << 20) + " MiB");
        }
        return String.join("; ", figures);
    }

    /** Every record on the lifecycle topic that is a warning: how many, and how many distinct event ids. */
    private long[] warningsOnTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000);
        long records = 0;
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CASE_LIFECYCLE));
            Instant quietUntil = Instant.now().plusSeconds(15);
            while (Instant.now().isBefore(quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
                    if (json.contains("\"sla.warning-raised\"")) {
                        records++;
                        ids.add(codec.decode(record.value()).eventId());
                    }
                    quietUntil = Instant.now().plusSeconds(5);
                }
            }
        }
        return new long[] {records, ids.size()};
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static void report(String what, String result) {
        System.out.println("[timer-bench] " + what + ": " + result);
    }
}

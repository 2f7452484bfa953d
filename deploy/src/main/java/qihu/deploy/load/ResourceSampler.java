package qihu.deploy.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every few seconds during a run: the consumer groups' lag on the broker, and each local Qihu process's CPU and
 * resident memory (from {@code /proc}, so the launcher with Kafka and the store is measured too, not only the JVMs
 * that expose metrics).
 */
final class ResourceSampler implements AutoCloseable {

    /** One sample: seconds since the start, lag per consumer group, CPU (% of one core) and RSS (MiB) per process. */
    record Sample(int second, Map<String, Long> lagByGroup, Map<String, Double> cpuPercent, Map<String, Long> rssMib) {}

    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final long PAGE_BYTES = 4096;

    private final Admin admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resource-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final Map<Long, long[]> lastTicks = new HashMap<>();
    private final long start = System.nanoTime();

    private ResourceSampler(String brokers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        admin = Admin.create(props);
    }

    static ResourceSampler start(String brokers, Duration every) {
        ResourceSampler sampler = new ResourceSampler(brokers);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Map.Entry<Long, String> process : qihuProcesses().entrySet()) {
            long pid = process.getKey();
            try {
                String[] stat = statFields(pid);
                long ticks = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                long now = System.nanoTime();
                long[] last = lastTicks.put(pid, new long[] {ticks, now});
                if (last != null) {
                    double seconds = (now - last[1]) / 1e9;
                    cpu.put(process.getValue(), 100.0 * (ticks - last[0]) / CLOCK_TICKS_PER_SECOND / seconds);
                }
                rss.put(process.getValue(), Long.parseLong(stat[23]) * PAGE_BYTES / (1024 * 1024));
            } catch (IOException | RuntimeException gone) {
                lastTicks.remove(pid);
            }
        }
        Map<String, Long> lag = lag();
        synchronized (samples) {
            samples.add(new Sample(second, lag, cpu, rss));
        }
    }

    /** The fields of /proc/PID/stat after the command name (which may contain spaces), numbered as in proc(5). */
    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        String[] rest = afterName.split(" ");
        String[] fields = new String[rest.length + 2];
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return fields;
    }

    /** pid → name, for the launcher and the services' JVMs on this machine. */
    private static Map<Long, String> qihuProcesses() {
        Map<Long, String> found = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        try {
                            String cmdline =
                                    new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                            String name = processName(cmdline);
                            if (name != null) {
                                found.put(Long.parseLong(p.getFileName().toString()), name);
                            }
                        } catch (IOException gone) {
                            // The process ended while we looked.
                        }
                    });
        } catch (IOException e) {
            return Map.of();
        }
        return found;
    }

    static String processName(String cmdline) {
        if (cmdline.contains("qihu-launcher.jar") && !cmdline.contains("\0load\0")) {
            return "launcher (Kafka + store)";
        }
        for (String service :
                List.of("auth-server", "intake-service", "triage-service", "dispatch-service", "evaluation-service")) {
            if (cmdline.contains(service + ".jar")) {
                return service;
            }
        }
        return null;
    }

    private Map<String, Long> lag() {
        Map<String, Long> lagByGroup = new LinkedHashMap<>();
        try {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        lag += Math.max(
                                0,
                                ends.get(entry.getKey()).offset()
                                        - entry.getValue().offset());
                    }
                }
                lagByGroup.put(group.groupId(), lag);
            }
        } catch (Exception e) {
            lagByGroup.put("(unavailable: " + e.getClass().getSimpleName() + ")", -1L);
        }
        return lagByGroup;
    }

    /** The services' consumer groups. */
    private static final Set<String> SERVICE_GROUPS = Set.of("intake", "triage", "dispatch", "evaluation");

    /** The services' consumer groups' lag summed now; -1 if the broker does not answer. */
    long totalLag() {
        long total = 0;
        for (Map.Entry<String, Long> group : lag().entrySet()) {
            if (group.getValue() < 0) {
                return -1;
            }
            if (SERVICE_GROUPS.contains(group.getKey())) {
                total += group.getValue();
            }
        }
        return total;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}

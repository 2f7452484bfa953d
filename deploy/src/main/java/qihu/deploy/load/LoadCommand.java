package qihu.deploy.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import qihu.deploy.ChannelClient;
import qihu.deploy.StackConfig;
import qihu.deploy.traffic.Enterprise;
import qihu.deploy.traffic.RequestFactory;

/**
 * {@code ./qihu load intake|kafka [options]}: the intake benchmark against the running local stack, and the raw
 * broker baseline beside it. Prints progress and a Markdown report (also written to {@code --report FILE}).
 */
public final class LoadCommand {

    private static final String USAGE = """
            Usage: ./qihu load intake [--rate R] [--duration 60s] [--warm-up 15s] [--closed-loop N] [--report FILE]
                   ./qihu load webflux [same options as intake]
                   ./qihu load kafka  [--duration 20s] [--linger-ms 5] [--report FILE]
                   ./qihu load e2e    [--rate 50] [--duration 60s] [--re-raise 0.15] [--batch 0.05]
                                      [--think 2s] [--unsatisfied 0.05] [--desk on|off] [--drain 180s]
                                      [--report-dir DIR]

              intake  signed ~1 KB requests round-robin over the eleven channels to the running stack's intake:
                      open loop at --rate requests/s (default 2000; latency from when each request was due), or
                      closed loop with --closed-loop N callers (the most it takes)
              webflux the same driver against a bare WebFlux endpoint in the load JVM (parses the JSON,
                      answers 202; no signature check, store or broker): the machine's HTTP baseline
              kafka   raw producer rate on the running stack's broker (1 KB records, acks=all, idempotence),
                      and one consumer reading them back
              e2e     the whole loop: signed requests from the eleven channels open-loop at --rate requests/s
                      (re-raises through another channel, meetings with a batch of problems), handlers who claim
                      and answer every task after up to --think, enterprises who rate every answer (--unsatisfied
                      of them reopen the case); latency to "task assigned with timer armed" and to "closed",
                      consumer lag, CPU and memory per process; then an audit of the stores and topics that fails
                      on anything lost or doubled. Report and charts in --report-dir (default
                      .qihu/reports/e2e-TIME). Start the stack with ./qihu up --receivers so that answers to the
                      channels are delivered and audited.

            Needs a running stack (./qihu up). Several --rate values (comma-separated) run one after another.""";

    private LoadCommand() {}

    public static int run(List<String> args, StackConfig config, PrintStream out) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        Map<String, String> options;
        try {
            options = options(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            out.println("qihu load: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (args.get(0).equals("e2e")) {
            return EndToEndCommand.run(options, config, out);
        }
        String report;
        try {
            report = switch (args.get(0)) {
                case "intake" -> intake(options, config, out);
                case "webflux" -> webflux(options, config, out);
                case "kafka" -> kafka(options, config, out);
                default -> throw new IllegalArgumentException("unknown load target '" + args.get(0) + "'");
            };
        } catch (IllegalArgumentException e) {
            out.println("qihu load: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            out.println("qihu load: failed: " + e);
            return 1;
        }
        out.println();
        out.println(report);
        String file = options.get("report");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), report, StandardCharsets.UTF_8);
                out.println("Report written to " + file);
            } catch (IOException e) {
                out.println("qihu load: could not write " + file + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static String intake(Map<String, String> options, StackConfig config, PrintStream out) {
        URI intake = URI.create("http://127.0.0.1:" + config.ports().of(qihu.deploy.Service.INTAKE));
        return httpLoad("Intake load", "intake", intake, options, config, out);
    }

    /** The same driver against a bare WebFlux endpoint in this JVM: the machine's HTTP baseline. */
    private static String webflux(Map<String, String> options, StackConfig config, PrintStream out) {
        try (WebFluxBaseline bare = WebFluxBaseline.start()) {
            out.println("bare WebFlux endpoint listening at " + bare.uri());
            return httpLoad("Bare WebFlux endpoint (baseline)", "webflux", bare.uri(), options, config, out);
        }
    }

    private static String httpLoad(
            String title, String target, URI intake, Map<String, String> options, StackConfig config, PrintStream out) {
        ChannelClient client = new ChannelClient(intake, ChannelClient.demoKeys(config.repoRoot()));
        RequestFactory requests =
                new RequestFactory(Enterprise.demoDirectory(config.repoRoot()), 1.0, System.nanoTime());
        IntakeLoad load = new IntakeLoad(client, requests);
        Duration duration = duration(options.getOrDefault("duration", "60s"));
        Duration warmUp = duration(options.getOrDefault("warm-up", "15s"));
        List<IntakeLoad.Result> results = new ArrayList<>();
        if (options.containsKey("closed-loop")) {
            int callers = positiveInt("closed-loop", options.get("closed-loop"));
            results.add(load.closedLoop(callers, warmUp, duration, out::println));
        } else {
            for (String rate : options.getOrDefault("rate", "2000").split(",")) {
                results.add(load.openLoop(positiveInt("rate", rate.trim()), warmUp, duration, out::println));
            }
        }
        StringBuilder md = header(title, "./qihu load " + String.join(" ", commandLine(options, target)));
        md.append("| mode | target req/s | callers | sent | 202 | errors | achieved req/s | p50 ms | p90 ms | p99 ms "
                + "| p99.9 ms | max ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (IntakeLoad.Result r : results) {
            Histogram h = r.latencyMicros();
            md.append(String.format(
                    "| %s | %s | %s | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    r.mode(),
                    r.targetRate() > 0 ? String.format("%.0f", r.targetRate()) : "–",
                    r.concurrency() > 0 ? String.valueOf(r.concurrency()) : "–",
                    r.sent(),
                    r.ok(),
                    r.errors(),
                    r.achievedRate(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0,
                    h.getMaxValue() / 1000.0));
            if (!r.errorsByKind().isEmpty()) {
                md.append("\nErrors: ").append(r.errorsByKind()).append("\n\n");
            }
        }
        return md.toString();
    }

    private static String kafka(Map<String, String> options, StackConfig config, PrintStream out) throws Exception {
        Duration duration = duration(options.getOrDefault("duration", "20s"));
        int linger = Integer.parseInt(options.getOrDefault("linger-ms", "5"));
        String brokers = "127.0.0.1:" + config.ports().kafka();
        out.println("producing 1 KB records to " + brokers + " for " + duration.toSeconds() + " s (linger.ms=" + linger
                + ")");
        KafkaBaseline.Result r = KafkaBaseline.run(brokers, linger, duration);
        StringBuilder md =
                header("Raw Kafka producer", "./qihu load " + String.join(" ", commandLine(options, "kafka")));
        md.append("| linger.ms | seconds | records acknowledged | produced records/s | MB/s | consumed records/s |\n"
                + "|---|---|---|---|---|---|\n");
        md.append(String.format(
                "| %d | %d | %d | %.0f | %.1f | %.0f |%n",
                r.lingerMs(),
                r.duration().toSeconds(),
                r.records(),
                r.recordsPerSecond(),
                r.mbPerSecond(),
                r.consumedPerSecond()));
        return md.toString();
    }

    static StringBuilder header(String title, String command) {
        return new StringBuilder()
                .append("### ")
                .append(title)
                .append(" — ")
                .append(OffsetDateTime.now().withNano(0))
                .append("\n\n")
                .append("Command: `")
                .append(command)
                .append("`  \nMachine: ")
                .append(Machine.describe())
                .append("\n\n");
    }

    static List<String> commandLine(Map<String, String> options, String target) {
        List<String> line = new ArrayList<>(List.of(target));
        options.forEach((k, v) -> line.add("--" + k + (v.isEmpty() ? "" : " " + v)));
        return line;
    }

    public static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options.put(name, args.get(++i));
        }
        return options;
    }

    static Duration duration(String text) {
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 60s, 2m, 500ms)");
        }
    }

    static int positiveInt(String name, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // Answered below.
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + text + "'");
    }
}

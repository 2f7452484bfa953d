package qihu.deploy.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/** The end-to-end run written down: a Markdown report with the figures and the audit, and PNG charts beside it. */
final class EndToEndReport {

    private EndToEndReport() {}

    static String write(
            Path dir,
            String command,
            EndToEndLoad.Result run,
            RunAudit.Result audit,
            List<ResourceSampler.Sample> samples)
            throws IOException {
        Files.createDirectories(dir);
        charts(dir, run, samples);
        StringBuilder md = new StringBuilder()
                .append("### End-to-end load — ")
                .append(OffsetDateTime.now().withNano(0))
                .append("\n\nCommand: `")
                .append(command)
                .append("`  \nMachine: ")
                .append(Machine.describe())
                .append("\n\n");
        EndToEndLoad.Plan plan = run.plan();
        md.append(String.format(
                "Plan: %.0f requests/s for %d s, %.0f%% re-raised through another channel, %.0f%% in meetings "
                        + "(forum batches); handlers claim and answer every task, enterprises rate every answer.%n%n",
                plan.rate(), plan.duration().toSeconds(), plan.reRaiseShare() * 100, plan.batchShare() * 100));
        md.append("| | count |\n|---|---|\n");
        row(md, "requests sent", run.sent());
        row(md, "accepted (202)", run.accepted());
        row(md, "achieved rate (accepted/s while sending)", String.format("%.1f", run.achievedRate()));
        row(md, "errors", run.errors().isEmpty() ? "0" : run.errors().toString());
        row(md, "cases opened", run.opened());
        row(md, "requests merged into a case", run.merged());
        row(md, "tasks assigned (first round, timer armed)", run.assigned());
        row(md, "answered by the handlers' desk", run.resolvedByDesk());
        row(md, "rated by the enterprises", run.ratedByDesk());
        row(md, "cases closed", run.closed());
        row(
                md,
                "desk failures",
                run.deskFailures().isEmpty() ? "0" : run.deskFailures().toString());
        row(
                md,
                "events seen on the topics (redelivered copies)",
                run.eventsSeen() + " (" + run.eventsRedelivered() + ")");
        row(
                md,
                "drained",
                (run.drainedFully() ? "yes, in " : "NO, gave up after ")
                        + run.drained().toSeconds() + " s");
        md.append("\n| latency (from when the request was due) | p50 | p90 | p99 | p99.9 | max | count |\n"
                + "|---|---|---|---|---|---|---|\n");
        latency(md, "intake: due → 202", run.intake());
        latency(md, "due → task assigned with timer armed", run.toAssigned());
        latency(md, "due → case closed (includes think times)", run.toClosed());
        md.append("\n**Audit** (stores and topics): ")
                .append(audit.passed() ? "PASSED" : "FAILED")
                .append(
                        run.drainedFully()
                                ? ""
                                : " — the run did not drain in time, so \"lost\" also counts work still queued (see the"
                                        + " consumer lag at the end, below)")
                .append("\n\n| check | expected | found | lost | doubled | examples |\n|---|---|---|---|---|---|\n");
        for (RunAudit.Check check : audit.checks()) {
            md.append(String.format(
                    "| %s | %d | %d | %d | %d | %s |%n",
                    check.what(),
                    check.expected(),
                    check.found(),
                    check.lost(),
                    check.doubled(),
                    String.join("; ", check.examples())));
        }
        audit.notes()
                .forEach((what, count) ->
                        md.append("\n- ").append(what).append(": ").append(count));
        md.append("\n\n").append(resources(samples));
        md.append("\nCharts: `rate.png`, `latency.png`, `cpu.png` in this folder.\n");
        String report = md.toString();
        Files.writeString(dir.resolve("report.md"), report, StandardCharsets.UTF_8);
        return report;
    }

    private static void row(StringBuilder md, String what, Object value) {
        md.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    private static void latency(StringBuilder md, String what, Histogram h) {
        md.append(String.format(
                "| %s | %s | %s | %s | %s | %s | %d |%n",
                what,
                EndToEndLoad.millis(h.getValueAtPercentile(50)),
                EndToEndLoad.millis(h.getValueAtPercentile(90)),
                EndToEndLoad.millis(h.getValueAtPercentile(99)),
                EndToEndLoad.millis(h.getValueAtPercentile(99.9)),
                EndToEndLoad.millis(h.getMaxValue()),
                h.getTotalCount()));
    }

    /** Mean and peak CPU and memory per process, and the largest consumer lag per group. */
    private static String resources(List<ResourceSampler.Sample> samples) {
        StringBuilder md = new StringBuilder(
                "| process | CPU mean (% of a core) | CPU peak | RSS peak (MiB) |\n|---|---|---|---|\n");
        TreeSet<String> processes = new TreeSet<>();
        samples.forEach(s -> processes.addAll(s.rssMib().keySet()));
        for (String process : processes) {
            List<Double> cpu = samples.stream()
                    .map(s -> s.cpuPercent().get(process))
                    .filter(v -> v != null)
                    .toList();
            long rss = samples.stream()
                    .mapToLong(s -> s.rssMib().getOrDefault(process, 0L))
                    .max()
                    .orElse(0);
            md.append(String.format(
                    "| %s | %.0f | %.0f | %d |%n",
                    process,
                    cpu.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    cpu.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    rss));
        }
        md.append("\n| consumer group | largest lag sampled | lag at the end |\n|---|---|---|\n");
        TreeSet<String> groups = new TreeSet<>();
        samples.forEach(s -> groups.addAll(s.lagByGroup().keySet()));
        for (String group : groups) {
            long peak = samples.stream()
                    .mapToLong(s -> s.lagByGroup().getOrDefault(group, 0L))
                    .max()
                    .orElse(0);
            long end = samples.isEmpty()
                    ? 0
                    : samples.get(samples.size() - 1).lagByGroup().getOrDefault(group, 0L);
            md.append(String.format("| %s | %d | %d |%n", group, peak, end));
        }
        return md.toString();
    }

    private static void charts(Path dir, EndToEndLoad.Result run, List<ResourceSampler.Sample> samples)
            throws IOException {
        List<EndToEndLoad.Second> timeline = run.timeline();
        List<Integer> seconds =
                timeline.stream().map(EndToEndLoad.Second::second).toList();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        rates.put("sent", series(timeline, s -> (double) s.sent()));
        rates.put("accepted (202)", series(timeline, s -> (double) s.accepted()));
        rates.put("task assigned", series(timeline, s -> (double) s.assigned()));
        rates.put("case closed", series(timeline, s -> (double) s.closed()));
        Charts.lines(dir.resolve("rate.png"), "Requests per second", "per second", seconds, rates);
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        latencies.put("intake p99", series(timeline, EndToEndLoad.Second::intakeP99));
        latencies.put("to assigned p50", series(timeline, EndToEndLoad.Second::assignedP50));
        latencies.put("to assigned p99", series(timeline, EndToEndLoad.Second::assignedP99));
        Charts.lines(dir.resolve("latency.png"), "Latency from when each request was due", "ms", seconds, latencies);
        List<Integer> sampleSeconds =
                samples.stream().map(ResourceSampler.Sample::second).toList();
        TreeSet<String> processes = new TreeSet<>();
        samples.forEach(s -> processes.addAll(s.cpuPercent().keySet()));
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (String process : processes) {
            List<Double> values = new ArrayList<>();
            samples.forEach(s -> values.add(s.cpuPercent().getOrDefault(process, 0.0)));
            cpu.put(process, values);
        }
        if (!sampleSeconds.isEmpty()) {
            Charts.lines(dir.resolve("cpu.png"), "CPU per process", "% of one core", sampleSeconds, cpu);
        }
    }

    private static List<Double> series(List<EndToEndLoad.Second> timeline, Function<EndToEndLoad.Second, Double> f) {
        return timeline.stream().map(f).toList();
    }
}

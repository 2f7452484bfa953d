package qihu.deploy.load;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import qihu.deploy.ChannelClient;
import qihu.deploy.Ports;
import qihu.deploy.Service;
import qihu.deploy.SignIn;
import qihu.deploy.StackConfig;
import qihu.deploy.traffic.Enterprise;
import qihu.deploy.traffic.RequestFactory;

/** {@code ./qihu load e2e}: runs {@link EndToEndLoad} against the running stack, audits it, writes the report. */
final class EndToEndCommand {

    private static final Duration TOKEN_LIFE = Duration.ofMinutes(20);

    private EndToEndCommand() {}

    static int run(Map<String, String> options, StackConfig config, PrintStream out) {
        EndToEndLoad.Plan plan;
        Duration think;
        double unsatisfied;
        boolean desk;
        try {
            plan = new EndToEndLoad.Plan(
                    LoadCommand.positiveInt("rate", options.getOrDefault("rate", "50")),
                    LoadCommand.duration(options.getOrDefault("duration", "60s")),
                    share(options, "re-raise", "0.15"),
                    share(options, "batch", "0.05"),
                    LoadCommand.duration(options.getOrDefault("drain", "180s")));
            think = LoadCommand.duration(options.getOrDefault("think", "2s"));
            unsatisfied = share(options, "unsatisfied", "0.05");
            desk = switch (options.getOrDefault("desk", "on")) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--desk is on or off");
            };
        } catch (IllegalArgumentException e) {
            out.println("qihu load e2e: " + e.getMessage());
            return 2;
        }
        Path reportDir = Path.of(options.getOrDefault(
                "report-dir",
                config.home()
                        .resolve("reports")
                        .resolve("e2e-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                        .toString()));
        try {
            Run run = execute(config.ports(), config.repoRoot(), plan, desk ? think : null, unsatisfied, out::println);
            String command = "./qihu load " + String.join(" ", LoadCommand.commandLine(options, "e2e"));
            String report = EndToEndReport.write(reportDir, command, run.load(), run.audit(), run.samples());
            out.println();
            out.println(report);
            out.println("Report and charts: " + reportDir);
            if (!run.audit().passed()) {
                out.println("qihu load e2e: the audit FAILED: something was lost or doubled (see the table above)");
                return 1;
            }
            return 0;
        } catch (Exception e) {
            out.println("qihu load e2e: failed: " + e);
            return 1;
        }
    }

    /** What one run measured and what its audit found. */
    record Run(EndToEndLoad.Result load, RunAudit.Result audit, List<ResourceSampler.Sample> samples) {}

    /**
     * Drives the stack on {@code ports} with the plan, then audits it.
     *
     * @param think the handlers' and enterprises' think time; null for no desk (nobody claims, answers or rates)
     */
    static Run execute(
            Ports ports,
            Path repoRoot,
            EndToEndLoad.Plan plan,
            Duration think,
            double unsatisfied,
            Consumer<String> progress) {
        String brokers = Ports.LOOPBACK + ":" + ports.kafka();
        ChannelClient client = new ChannelClient(local(ports.of(Service.INTAKE)), ChannelClient.demoKeys(repoRoot));
        RequestFactory requests = new RequestFactory(Enterprise.demoDirectory(repoRoot), 1.0, System.nanoTime());
        EndToEndLoad load = new EndToEndLoad(client, requests);
        try (ResourceSampler sampler = ResourceSampler.start(brokers, Duration.ofSeconds(2));
                MongoClient mongo = MongoClients.create("mongodb://" + Ports.LOOPBACK + ":" + ports.mongo())) {
            Desk people = think == null
                    ? null
                    : new Desk(
                            local(ports.of(Service.DISPATCH)),
                            local(ports.of(Service.EVALUATION)),
                            toolsToken(local(ports.of(Service.AUTH))),
                            think,
                            new Desk.Ratings(0.05, unsatisfied));
            try (LifecycleWatcher watcher = LifecycleWatcher.start(
                    brokers, people == null ? List.of(load::onEvent) : List.of(load::onEvent, people::onEvent))) {
                RunAudit auditor = new RunAudit(mongo, watcher.trails());
                EndToEndLoad.Result result =
                        load.run(plan, watcher, people, auditor::heldForPeople, sampler::totalLag, progress);
                progress.accept("auditing the stores and topics...");
                RunAudit.Result audit = auditor.audit(result.acceptedRequestIds());
                return new Run(result, audit, sampler.samples());
            } finally {
                if (people != null) {
                    people.close();
                }
            }
        }
    }

    /** The tools client's token, fetched again before it expires. */
    private static Supplier<String> toolsToken(URI issuer) {
        SignIn signIn = new SignIn(issuer);
        return new Supplier<>() {
            private String token;
            private long fetchedAt;

            @Override
            public synchronized String get() {
                if (token == null || System.nanoTime() - fetchedAt > TOKEN_LIFE.toNanos()) {
                    token = signIn.toolsToken();
                    fetchedAt = System.nanoTime();
                }
                return token;
            }
        };
    }

    private static URI local(int port) {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    private static double share(Map<String, String> options, String name, String fallback) {
        String text = options.getOrDefault(name, fallback);
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // Answered below.
        }
        throw new IllegalArgumentException("--" + name + " must be a share between 0 and 1, got '" + text + "'");
    }
}

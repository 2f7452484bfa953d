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
        Ports ports = config.ports();
        String brokers = Ports.LOOPBACK + ":" + ports.kafka();
        URI intake = local(ports.of(Service.INTAKE));
        ChannelClient client = new ChannelClient(intake, ChannelClient.demoKeys(config.repoRoot()));
        RequestFactory requests =
                new RequestFactory(Enterprise.demoDirectory(config.repoRoot()), 1.0, System.nanoTime());
        EndToEndLoad load = new EndToEndLoad(client, requests);
        try (ResourceSampler sampler = ResourceSampler.start(brokers, Duration.ofSeconds(2));
                MongoClient mongo = MongoClients.create("mongodb://" + Ports.LOOPBACK + ":" + ports.mongo())) {
            Desk people = desk
                    ? new Desk(
                            local(ports.of(Service.DISPATCH)),
                            local(ports.of(Service.EVALUATION)),
                            toolsToken(local(ports.of(Service.AUTH))),
                            think,
                            new Desk.Ratings(0.05, unsatisfied))
                    : null;
            EndToEndLoad.Result result;
            RunAudit.Result audit;
            try (LifecycleWatcher watcher = LifecycleWatcher.start(
                    brokers, people == null ? List.of(load::onEvent) : List.of(load::onEvent, people::onEvent))) {
                result = load.run(plan, watcher, people, out::println);
                out.println("auditing the stores and topics...");
                audit = new RunAudit(mongo, watcher.trails()).audit(result.acceptedRequestIds());
            } finally {
                if (people != null) {
                    people.close();
                }
            }
            String command = "./qihu load " + String.join(" ", LoadCommand.commandLine(options, "e2e"));
            String report = EndToEndReport.write(reportDir, command, result, audit, sampler.samples());
            out.println();
            out.println(report);
            out.println("Report and charts: " + reportDir);
            if (!audit.passed()) {
                out.println("qihu load e2e: the audit FAILED: something was lost or doubled (see the table above)");
                return 1;
            }
            return 0;
        } catch (Exception e) {
            out.println("qihu load e2e: failed: " + e);
            return 1;
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

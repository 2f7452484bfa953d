package qihu.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import qihu.deploy.load.LoadCommand;
import qihu.deploy.traffic.ChannelSimulator;
import qihu.deploy.traffic.Enterprise;
import qihu.deploy.traffic.RequestFactory;

/**
 * {@code java -jar deploy/target/qihu-launcher.jar up}: runs the whole local stack in the foreground until
 * SIGTERM or Ctrl-C. Usually started in the background by {@code ./qihu up}.
 *
 * <p>Files under {@code <home>/run}, which {@code ./qihu} relies on:
 *
 * <ul>
 *   <li>{@code launcher.pid} — this JVM, written first;
 *   <li>{@code stack.env} — URLs and ports as shell variables, written before starting anything;
 *   <li>{@code ready} — written once every service is healthy;
 *   <li>{@code <service>.pid} — one per service process.
 * </ul>
 *
 * All are removed on shutdown; data under {@code <home>/data} stays.
 */
public final class Launcher {

    static final String LAUNCHER_LOG = "launcher.log";
    static final String LAUNCHER_PID = "launcher.pid";
    static final String STACK_ENV = "stack.env";
    static final String READY = "ready";

    /** Intake calls every channel back under this address when the simulator runs. */
    static final String CALLBACK_BASE_URL_ENV = "QIHU_CALLBACK_BASE_URL";

    private static final int EXIT_OK = 0;
    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_USAGE = 2;

    private Launcher() {}

    /** The load tools print their progress; the Kafka and MongoDB clients' logging goes to logs/load.log. */
    private static int load(List<String> args) {
        StackConfig config = StackConfig.fromEnvironment();
        try {
            Files.createDirectories(config.logsDir());
            LauncherLogging.logToFile(config.logsDir().resolve("load.log"));
        } catch (IOException e) {
            System.err.println("qihu load: cannot write " + config.logsDir() + ": " + e.getMessage());
        }
        return LoadCommand.run(args, config, System.out);
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        int exitCode = switch (command) {
            case "up" -> up();
            case "load" -> load(rest);
            case "simulate" -> simulate(rest);
            case "token" -> token(args);
            case "help", "-h", "--help" -> usage(System.out, EXIT_OK);
            default -> {
                System.err.println("Unknown command: " + command);
                yield usage(System.err, EXIT_USAGE);
            }
        };
        System.exit(exitCode);
    }

    private static int usage(PrintStream stream, int exitCode) {
        stream.println("""
                Usage: java -jar qihu-launcher.jar [up|simulate|load|token USERNAME [PASSWORD]|help]

                  up        Start Kafka, MongoDB, the sign-in and the four services; run until SIGTERM or Ctrl-C.
                            With QIHU_SIMULATE=<requests per minute>, also the channel simulator and its callback
                            receivers (on QIHU_CALLBACK_PORT, default 18090).
                  simulate  [--per-minute 30] [--re-raise 0.15]: channel traffic to a running stack until Ctrl-C.
                  load      intake|kafka [options]: the intake benchmark (./qihu load --help).
                  token     Sign a person in at the sign-in (QIHU_ISSUER, default http://127.0.0.1:18080) and
                            print their access token; the password defaults to the demo people's.

                Configured by environment variables: QIHU_HOME, QIHU_REPO, QIHU_KAFKA_PORT,
                QIHU_KAFKA_CONTROLLER_PORT, QIHU_MONGO_PORT, QIHU_AUTH_PORT, QIHU_INTAKE_PORT, QIHU_TRIAGE_PORT,
                QIHU_DISPATCH_PORT, QIHU_EVALUATION_PORT, QIHU_JVM_OPTS, QIHU_SERVICE_ARGS,
                QIHU_HEALTH_TIMEOUT (seconds). Most people use ./qihu up and ./qihu token instead.""");
        return exitCode;
    }

    /** Prints a person's access token, for curl and the load tools. */
    private static int token(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: java -jar qihu-launcher.jar token USERNAME [PASSWORD]");
            return EXIT_USAGE;
        }
        URI issuer = URI.create(System.getenv()
                .getOrDefault(LocalStack.ISSUER_ENV, "http://" + Ports.LOOPBACK + ":" + Ports.DEFAULT_AUTH_PORT));
        try {
            SignIn signIn = new SignIn(issuer);
            System.out.println(args.length == 3 ? signIn.accessToken(args[1], args[2]) : signIn.accessToken(args[1]));
            return EXIT_OK;
        } catch (StackException e) {
            System.err.println("qihu: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** Returns only on failure; on success it blocks until the JVM shuts down. */
    private static int up() {
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment();
            createDirectories(config.logsDir(), config.runDir());
        } catch (StackException | UncheckedIOException e) {
            System.err.println("qihu: " + e.getMessage());
            return EXIT_FAILURE;
        }
        LauncherLogging.logToFile(config.logsDir().resolve(LAUNCHER_LOG));
        Path runDir = config.runDir();
        long ownPid = ProcessHandle.current().pid();

        OptionalLong otherLauncher = runningLauncher(runDir.resolve(LAUNCHER_PID), ownPid);
        if (otherLauncher.isPresent()) {
            System.err.println("qihu: a launcher for " + config.home() + " is already running (pid "
                    + otherLauncher.getAsLong() + "); stop it first (./qihu down)");
            return EXIT_FAILURE;
        }

        Simulation simulation;
        try {
            simulation = Simulation.fromEnvironment(config);
        } catch (RuntimeException e) {
            System.err.println("qihu: " + e.getMessage());
            return EXIT_FAILURE;
        }
        if (simulation != null) {
            config = config.withEnv(
                    CALLBACK_BASE_URL_ENV, simulation.receivers().baseUrl().toString());
        }
        LocalStack stack = LocalStack.create(config);
        AtomicFiles.write(runDir.resolve(LAUNCHER_PID), ownPid + "\n");
        deleteQuietly(runDir.resolve(READY));
        AtomicFiles.write(runDir.resolve(STACK_ENV), StackSummary.environmentFile(stack, ownPid));
        // Registered before starting, so that Ctrl-C during start-up also stops what was already started.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (simulation != null) {
                                simulation.close();
                            }
                            shutDown(stack, runDir);
                        },
                        "qihu-shutdown"));

        System.out.println(OffsetDateTime.now() + " Starting the Qihu local stack (home " + config.home() + ")");
        System.out.println(
                "  Kafka, MongoDB, then " + config.services().size() + " services; logs in " + config.logsDir());
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("qihu: the local stack did not start. " + e.getMessage());
            return EXIT_FAILURE;
        }
        AtomicFiles.write(runDir.resolve(READY), OffsetDateTime.now() + "\n");
        System.out.println();
        System.out.println("Qihu local stack is up:");
        System.out.println();
        System.out.print(StackSummary.table(stack));
        System.out.println();
        if (simulation != null) {
            simulation.start(stack);
            System.out.println((simulation.perMinute() > 0
                            ? "Channel simulator: " + simulation.perMinute() + " requests a minute from the eleven "
                                    + "channels; their callbacks"
                            : "The eleven channels' callbacks")
                    + " are received at " + simulation.receivers().baseUrl() + "<channel>.");
        }
        System.out.println("Stop with Ctrl-C (or ./qihu down).");
        awaitShutdown();
        return EXIT_OK;
    }

    /** Channel traffic to an already running stack, until Ctrl-C. */
    private static int simulate(List<String> args) {
        StackConfig config = StackConfig.fromEnvironment();
        Map<String, String> options;
        try {
            options = LoadCommand.options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("qihu simulate: " + e.getMessage());
            return EXIT_USAGE;
        }
        double perMinute = Double.parseDouble(options.getOrDefault("per-minute", "30"));
        double reRaise = Double.parseDouble(options.getOrDefault("re-raise", "0.15"));
        URI intake =
                URI.create("http://" + Ports.LOOPBACK + ":" + config.ports().of(Service.INTAKE));
        ChannelSimulator simulator = ChannelSimulator.start(
                new ChannelClient(intake, ChannelClient.demoKeys(config.repoRoot())),
                new RequestFactory(Enterprise.demoDirectory(config.repoRoot()), 0.3, System.nanoTime()),
                perMinute,
                reRaise);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        System.out.println("Sending " + perMinute + " requests a minute to " + intake + "; Ctrl-C stops.");
        awaitShutdown();
        return EXIT_OK;
    }

    private static void shutDown(LocalStack stack, Path runDir) {
        System.out.println(OffsetDateTime.now() + " Stopping the Qihu local stack...");
        deleteQuietly(runDir.resolve(READY));
        stack.close();
        for (String file : List.of(STACK_ENV, LAUNCHER_PID)) {
            deleteQuietly(runDir.resolve(file));
        }
        System.out.println(OffsetDateTime.now() + " Stopped.");
    }

    /** Everything runs on other threads; main just waits for the shutdown hook to end the JVM. */
    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OptionalLong runningLauncher(Path pidFile, long ownPid) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            boolean alive = pid != ownPid
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void createDirectories(Path... dirs) {
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Stale run files are cleaned up by ./qihu down as well.
        }
    }
}

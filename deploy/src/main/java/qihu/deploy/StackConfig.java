package qihu.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to run the local stack. Immutable; change it with the {@code with...} methods:
 *
 * <pre>{@code
 * StackConfig config = StackConfig.forTests(tempDir)
 *         .withHealthTimeout(Duration.ofSeconds(90))
 *         .withEnv("QIHU_CLOCK_OFFSET", "P1D")
 *         .withServiceArgs(List.of("--logging.level.qihu=DEBUG"));
 * }</pre>
 *
 * @param home folder for data, logs and pid files (default {@code <repoRoot>/.qihu})
 * @param repoRoot the Maven project root, where {@code <service>/target/<service>.jar} are found
 * @param ports every port the stack listens on
 * @param jvmOpts JVM options for each service process
 * @param healthTimeout how long each service may take to answer its health check with UP
 * @param stopGracePeriod how long a service may take to stop after SIGTERM before it is killed
 * @param extraEnv additional environment variables for every service
 * @param serviceArgs additional program arguments for every service (e.g. {@code --some.property=value})
 * @param services which services to run (all by default; empty runs only Kafka and MongoDB)
 * @param store how the embedded store keeps its data
 */
public record StackConfig(
        Path home,
        Path repoRoot,
        Ports ports,
        List<String> jvmOpts,
        Duration healthTimeout,
        Duration stopGracePeriod,
        Map<String, String> extraEnv,
        List<String> serviceArgs,
        Set<Service> services,
        EmbeddedMongo.Settings store) {

    public static final List<String> DEFAULT_JVM_OPTS =
            List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(20);
    public static final String HOME_FOLDER_NAME = ".qihu";

    public static final String HOME_ENV = "QIHU_HOME";
    public static final String REPO_ENV = "QIHU_REPO";
    public static final String JVM_OPTS_ENV = "QIHU_JVM_OPTS";
    public static final String HEALTH_TIMEOUT_ENV = "QIHU_HEALTH_TIMEOUT";
    public static final String SERVICE_ARGS_ENV = "QIHU_SERVICE_ARGS";
    /**
     * Which services to start (short names, comma-separated, e.g. {@code intake}); all when unset; {@value #NO_SERVICES}
     * for none (only Kafka and MongoDB, e.g. for services run as containers).
     */
    public static final String SERVICES_ENV = "QIHU_SERVICES";

    public static final String NO_SERVICES = "none";

    public StackConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(store, "store");
        home = home.toAbsolutePath().normalize();
        repoRoot = repoRoot.toAbsolutePath().normalize();
        jvmOpts = List.copyOf(jvmOpts);
        requirePositive(healthTimeout, "healthTimeout");
        requirePositive(stopGracePeriod, "stopGracePeriod");
        extraEnv = Map.copyOf(extraEnv);
        serviceArgs = List.copyOf(serviceArgs);
        // An EnumSet keeps the services in their declared order (intake, triage, dispatch, evaluation).
        EnumSet<Service> ordered = EnumSet.noneOf(Service.class);
        ordered.addAll(services);
        services = Collections.unmodifiableSet(ordered);
    }

    /** Default settings for a checkout at {@code repoRoot}. */
    public static StackConfig defaults(Path repoRoot) {
        return new StackConfig(
                repoRoot.resolve(HOME_FOLDER_NAME),
                repoRoot,
                Ports.defaults(),
                DEFAULT_JVM_OPTS,
                DEFAULT_HEALTH_TIMEOUT,
                DEFAULT_STOP_GRACE_PERIOD,
                Map.of(),
                List.of(),
                EnumSet.allOf(Service.class),
                EmbeddedMongo.Settings.DEFAULT);
    }

    /** Settings from the process environment, the repo root found from the working directory. */
    public static StackConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of("").toAbsolutePath());
    }

    /**
     * Defaults overridden by {@code QIHU_REPO}, {@code QIHU_HOME}, the {@code QIHU_*_PORT} variables,
     * {@code QIHU_JVM_OPTS} and {@code QIHU_SERVICE_ARGS} (split on whitespace), {@code QIHU_HEALTH_TIMEOUT}
     * (seconds), {@code QIHU_SERVICES} and the store's settings ({@link EmbeddedMongo.Settings#fromEnvironment}).
     */
    public static StackConfig fromEnvironment(Map<String, String> env, Path workingDir) {
        Path repoRoot = present(env, REPO_ENV) ? workingDir.resolve(env.get(REPO_ENV)) : findRepoRoot(workingDir);
        StackConfig config = defaults(repoRoot).withPorts(Ports.fromEnvironment(env));
        if (present(env, HOME_ENV)) {
            config = config.withHome(workingDir.resolve(env.get(HOME_ENV)));
        }
        if (env.containsKey(JVM_OPTS_ENV)) {
            config = config.withJvmOpts(words(env.get(JVM_OPTS_ENV)));
        }
        if (present(env, SERVICE_ARGS_ENV)) {
            config = config.withServiceArgs(words(env.get(SERVICE_ARGS_ENV)));
        }
        if (present(env, HEALTH_TIMEOUT_ENV)) {
            config = config.withHealthTimeout(Duration.ofSeconds(seconds(env, HEALTH_TIMEOUT_ENV)));
        }
        if (present(env, SERVICES_ENV)) {
            config = config.withServices(services(env.get(SERVICES_ENV)));
        }
        return config.withStore(EmbeddedMongo.Settings.fromEnvironment(env));
    }

    private static Set<Service> services(String names) {
        Set<Service> services = EnumSet.noneOf(Service.class);
        if (names.strip().equals(NO_SERVICES)) {
            return services;
        }
        for (String name : names.split(",")) {
            String wanted = name.strip();
            services.add(Arrays.stream(Service.values())
                    .filter(s -> s.shortName().equals(wanted) || s.moduleName().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new StackException(SERVICES_ENV + ": no service '" + wanted + "'; choose from "
                            + Arrays.stream(Service.values())
                                    .map(Service::shortName)
                                    .toList())));
        }
        return services;
    }

    /** For tests: the real checkout (found from the working directory), a private home and free ports. */
    public static StackConfig forTests(Path home) {
        return defaults(findRepoRoot(Path.of("").toAbsolutePath()))
                .withHome(home)
                .withPorts(Ports.free());
    }

    /** Walks up from {@code start} to the folder holding both {@code mvnw} and {@code deploy/}. */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new StackException("Cannot find the Qihu repository root (a folder with mvnw and deploy/) at or above "
                + start + "; run from inside the checkout or set " + REPO_ENV);
    }

    public StackConfig withHome(Path home) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public StackConfig withRepoRoot(Path repoRoot) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public StackConfig withPorts(Ports ports) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public StackConfig withJvmOpts(List<String> jvmOpts) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public StackConfig withHealthTimeout(Duration healthTimeout) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public StackConfig withStopGracePeriod(Duration stopGracePeriod) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    /** Replaces all extra environment variables. */
    public StackConfig withExtraEnv(Map<String, String> extraEnv) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    /** Adds (or replaces) one extra environment variable. */
    public StackConfig withEnv(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        env.put(name, value);
        return withExtraEnv(env);
    }

    /** Replaces the extra program arguments. */
    public StackConfig withServiceArgs(List<String> serviceArgs) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    /** Runs only these services (e.g. for a test that needs just intake and triage). */
    public StackConfig withServices(Set<Service> services) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public StackConfig withStore(EmbeddedMongo.Settings store) {
        return new StackConfig(
                home, repoRoot, ports, jvmOpts, healthTimeout, stopGracePeriod, extraEnv, serviceArgs, services, store);
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public Path kafkaDataDir() {
        return dataDir().resolve("kafka");
    }

    /** The H2 MVStore file holding all Mongo databases. */
    public Path mongoDataFile() {
        return dataDir().resolve("mongo").resolve("qihu.mv");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path runDir() {
        return home.resolve("run");
    }

    public Path serviceJar(Service service) {
        return repoRoot.resolve(service.moduleName()).resolve("target").resolve(service.moduleName() + ".jar");
    }

    public Path logFile(Service service) {
        return logsDir().resolve(service.moduleName() + ".log");
    }

    public Path pidFile(Service service) {
        return runDir().resolve(service.moduleName() + ".pid");
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    private static long seconds(Map<String, String> env, String name) {
        try {
            return Long.parseLong(env.get(name).trim());
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a number of seconds, got '" + env.get(name) + "'");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new StackException(name + " must be positive, got " + duration);
        }
    }
}

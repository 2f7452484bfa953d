package qihu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole Qihu stack on one machine: embedded MongoDB and Kafka in this JVM, the sign-in and the services as child
 * processes.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackConfig.forTests(tempDir))) {
 *     URI intake = stack.serviceUrl(Service.INTAKE);
 *     ...
 *     stack.killService(Service.TRIAGE);   // crash it
 *     stack.startService(Service.TRIAGE);  // and bring it back
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} may be called from a shutdown hook while the stack is still starting.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static final String HOST = Ports.LOOPBACK;
    public static final String HEALTH_PATH = "/actuator/health";
    public static final String PROMETHEUS_PATH = "/actuator/prometheus";

    /** Environment variables every service reads. */
    public static final String SERVER_PORT_ENV = "SERVER_PORT";

    public static final String KAFKA_BROKERS_ENV = "QIHU_KAFKA_BROKERS";
    /** The launcher's process id: the services stop when it is gone. */
    static final String PARENT_PID_ENV = "QIHU_PARENT_PID";

    public static final String MONGO_URI_ENV = "QIHU_MONGO_URI";
    /**
     * The port the broker names to clients when a proxy stands in front of it (fault tests); its own by default. Set
     * with {@link StackConfig#withEnv}, together with {@value #MONGO_URI_ENV} for a proxy in front of the store.
     */
    public static final String KAFKA_ADVERTISED_PORT_ENV = "QIHU_KAFKA_ADVERTISED_PORT";
    /** Whose tokens the services accept, and where its keys are (auth-server's own issuer, too). */
    public static final String ISSUER_ENV = "QIHU_ISSUER";

    public static final String JWK_SET_URI_ENV = "QIHU_JWK_SET_URI";
    /** Where the sign-in may send people back to the web pages (dispatch's /app/, evaluation's /dashboard/). */
    public static final String WEB_REDIRECT_URIS_ENV = "QIHU_WEB_REDIRECT_URIS";

    public static final String WEB_LOGOUT_URIS_ENV = "QIHU_WEB_LOGOUT_URIS";

    private final StackConfig config;

    // Guarded by "this".
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    /** Instances beyond the first, started by {@link #scaleUp}, newest last. Guarded by "this". */
    private final Map<Service, Deque<ServiceProcess>> extraInstances = new EnumMap<>(Service.class);

    private EmbeddedMongo mongo;
    private EmbeddedKafka kafka;
    private boolean closed;

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    /**
     * Starts MongoDB and Kafka, then the sign-in (auth-server), then all other configured services in parallel, and
     * returns once every service reports UP. On any failure everything already started is stopped again before the exception is thrown.
     *
     * @throws StackException saying what failed; for a service, with the end of its log
     */
    public static LocalStack start(StackConfig config) {
        LocalStack stack = create(config);
        stack.startAll();
        return stack;
    }

    /** For the launcher: a stack that a shutdown hook can already {@link #close()} while it is starting. */
    static LocalStack create(StackConfig config) {
        return new LocalStack(config);
    }

    void startAll() {
        try {
            requireJars(config.services());
            config.ports().requireAvailable();
            createDirectories();
            EmbeddedMongo startedMongo =
                    EmbeddedMongo.start(config.mongoDataFile(), config.ports().mongo(), config.store());
            register(() -> mongo = startedMongo, startedMongo);
            EmbeddedKafka startedKafka = EmbeddedKafka.start(
                    config.kafkaDataDir(),
                    config.ports().kafka(),
                    config.ports().kafkaController(),
                    kafkaAdvertisedPort());
            register(() -> kafka = startedKafka, startedKafka);
            // The sign-in first, so that a service is never up without it.
            if (config.services().contains(Service.AUTH)) {
                awaitHealthy(Map.of(Service.AUTH, launch(Service.AUTH)));
            }
            Map<Service, ServiceProcess> started = new EnumMap<>(Service.class);
            for (Service service : config.services()) {
                if (service != Service.AUTH) {
                    started.put(service, launch(service));
                }
            }
            awaitHealthy(started);
        } catch (RuntimeException e) {
            boolean cancelled = isClosed();
            close();
            throw cancelled ? new StackException("Start-up cancelled: the stack is shutting down", e) : e;
        }
    }

    public StackConfig config() {
        return config;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:18081}. */
    public URI serviceUrl(Service service) {
        return URI.create("http://" + HOST + ":" + config.ports().of(service));
    }

    public URI healthUrl(Service service) {
        return serviceUrl(service).resolve(HEALTH_PATH);
    }

    public URI prometheusUrl(Service service) {
        return serviceUrl(service).resolve(PROMETHEUS_PATH);
    }

    /** The sign-in's issuer, e.g. {@code http://127.0.0.1:18080}: where people get tokens for the services. */
    public URI issuer() {
        return serviceUrl(Service.AUTH);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return HOST + ":" + config.ports().kafka();
    }

    /** {@code mongodb://127.0.0.1:<port>} (no database: each service uses its own). */
    public String mongoUri() {
        return "mongodb://" + HOST + ":" + config.ports().mongo();
    }

    public synchronized boolean isRunning(Service service) {
        ServiceProcess process = services.get(service);
        return process != null && process.isAlive();
    }

    /** The pid of the service's process, if it was started and not stopped through this object. */
    public synchronized OptionalLong pid(Service service) {
        ServiceProcess process = services.get(service);
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** Graceful stop (SIGTERM, SIGKILL after the configured grace period). No-op if not running. */
    public void stopService(Service service) {
        ServiceProcess process = detach(service);
        if (process != null) {
            process.stop();
        }
    }

    /** Immediate SIGKILL, to simulate a crash. No-op if not running. */
    public void killService(Service service) {
        ServiceProcess process = detach(service);
        if (process != null) {
            process.kill();
        }
    }

    /**
     * Starts a service that is not running (e.g. after {@link #stopService}) and waits until it is healthy.
     *
     * @throws StackException if it does not become healthy; it is then stopped again, the rest keeps running
     */
    public void startService(Service service) {
        requireJars(List.of(service));
        ServiceProcess process = launch(service);
        try {
            awaitHealthy(Map.of(service, process));
        } catch (RuntimeException e) {
            stopService(service);
            throw e;
        }
    }

    private int kafkaAdvertisedPort() {
        String port = config.extraEnv().get(KAFKA_ADVERTISED_PORT_ENV);
        return port == null ? config.ports().kafka() : Integer.parseInt(port);
    }

    /** Stops the Kafka broker, keeping its data, as in a broker outage. No-op if it is not running. */
    public void stopBroker() {
        EmbeddedKafka running;
        synchronized (this) {
            running = kafka;
            kafka = null;
        }
        if (running != null) {
            running.close();
        }
    }

    /** Starts the broker again on the same ports and data, after {@link #stopBroker()}. No-op if it runs. */
    public synchronized void startBroker() {
        requireOpen();
        if (kafka == null) {
            kafka = EmbeddedKafka.start(
                    config.kafkaDataDir(),
                    config.ports().kafka(),
                    config.ports().kafkaController(),
                    kafkaAdvertisedPort());
        }
    }

    /** Stops the services (in parallel, gracefully), then Kafka, then MongoDB. Idempotent. */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        EmbeddedKafka kafkaToStop;
        EmbeddedMongo mongoToStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(services.values());
            services.clear();
            extraInstances.values().forEach(toStop::addAll);
            extraInstances.clear();
            kafkaToStop = kafka;
            kafka = null;
            mongoToStop = mongo;
            mongo = null;
        }
        stopInParallel(toStop);
        // Kafka before Mongo: the reverse of the start order, though no service is left to notice.
        if (kafkaToStop != null) {
            kafkaToStop.close();
        }
        if (mongoToStop != null) {
            mongoToStop.close();
        }
    }

    /** Waits for all in parallel, failing on the first problem instead of waiting for the slowest. */
    private void awaitHealthy(Map<Service, ServiceProcess> started) {
        if (started.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(started.size(), runnable -> {
            Thread thread = new Thread(runnable, "qihu-health-wait");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Void> waits = new ExecutorCompletionService<>(pool);
            started.forEach((service, process) -> waits.submit(() -> {
                process.awaitHealthy(healthUrl(service), config.healthTimeout());
                return null;
            }));
            for (int i = 0; i < started.size(); i++) {
                rethrowFailure(waits.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the services to become healthy", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private ServiceProcess launch(Service service) {
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                service.moduleName(),
                command(service),
                environment(service, config.ports().of(service)),
                workingDir(service),
                config.logFile(service),
                config.pidFile(service),
                config.stopGracePeriod());
        synchronized (this) {
            requireOpen();
            if (isRunning(service)) {
                throw new StackException(service.moduleName() + " is already running");
            }
            ServiceProcess process = ServiceProcess.start(spec);
            services.put(service, process);
            return process;
        }
    }

    private List<String> command(Service service) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.jvmOpts());
        command.add("-jar");
        command.add(config.serviceJar(service).toString());
        command.addAll(config.serviceArgs());
        return command;
    }

    /** The variables the services read, then the configured extras (which may override them). */
    private Map<String, String> environment(Service service, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SERVER_PORT_ENV, String.valueOf(port));
        env.put(KAFKA_BROKERS_ENV, kafkaBootstrapServers());
        env.put(MONGO_URI_ENV, mongoUri());
        env.put(ISSUER_ENV, issuer().toString());
        env.put(JWK_SET_URI_ENV, issuer() + "/oauth2/jwks");
        if (service == Service.AUTH) {
            // The pages' addresses follow the configured ports, under both names of the loopback.
            env.put(WEB_REDIRECT_URIS_ENV, webPages("/app/login/callback", "/dashboard/login/callback"));
            env.put(WEB_LOGOUT_URIS_ENV, webPages("/app/", "/dashboard/"));
        }
        env.putAll(config.extraEnv());
        env.put(SERVER_PORT_ENV, String.valueOf(port));
        // A service stops by itself when this process is gone (see service-support's ParentWatch).
        env.put(PARENT_PID_ENV, String.valueOf(ProcessHandle.current().pid()));
        return env;
    }

    /**
     * Starts one more instance of a running service on a free port and waits until it is healthy: a consumer that
     * joins its group, so the partitions are shared out again (scale-out).
     *
     * @return how many instances of the service run now
     */
    public int scaleUp(Service service) {
        int port = Ports.free().of(service);
        ServiceProcess process;
        synchronized (this) {
            requireOpen();
            if (!isRunning(service)) {
                throw new StackException(service.moduleName() + " is not running; start it before scaling it out");
            }
            int instance =
                    2 + extraInstances.getOrDefault(service, new ArrayDeque<>()).size();
            String name = service.moduleName() + "-" + instance;
            process = ServiceProcess.start(new ServiceProcess.Spec(
                    name,
                    command(service),
                    environment(service, port),
                    workingDir(service),
                    config.logsDir().resolve(name + ".log"),
                    config.runDir().resolve(name + ".pid"),
                    config.stopGracePeriod()));
            extraInstances.computeIfAbsent(service, s -> new ArrayDeque<>()).addLast(process);
        }
        try {
            process.awaitHealthy(URI.create("http://" + HOST + ":" + port + HEALTH_PATH), config.healthTimeout());
        } catch (RuntimeException e) {
            synchronized (this) {
                extraInstances.get(service).remove(process);
            }
            process.stop();
            throw e;
        }
        return instances(service);
    }

    /**
     * Stops the newest extra instance gracefully (its partitions go back to the others).
     *
     * @return how many instances of the service run now
     */
    public int scaleDown(Service service) {
        ServiceProcess newest;
        synchronized (this) {
            Deque<ServiceProcess> extras = extraInstances.getOrDefault(service, new ArrayDeque<>());
            newest = extras.pollLast();
        }
        if (newest != null) {
            newest.stop();
        }
        return instances(service);
    }

    /** Running instances of a service: the first, plus any {@link #scaleUp} started. */
    public synchronized int instances(Service service) {
        return (isRunning(service) ? 1 : 0)
                + extraInstances.getOrDefault(service, new ArrayDeque<>()).size();
    }

    /** The dispatch page's and the evaluation page's address, each at 127.0.0.1 and at localhost. */
    private String webPages(String dispatchPath, String evaluationPath) {
        List<String> uris = new ArrayList<>();
        for (String host : List.of(HOST, "localhost")) {
            uris.add("http://" + host + ":" + config.ports().of(Service.DISPATCH) + dispatchPath);
            uris.add("http://" + host + ":" + config.ports().of(Service.EVALUATION) + evaluationPath);
        }
        return String.join(",", uris);
    }

    /** The module folder, like {@code mvn spring-boot:run} would use; never a folder with unrelated config. */
    private Path workingDir(Service service) {
        Path moduleDir = config.repoRoot().resolve(service.moduleName());
        return Files.isDirectory(moduleDir) ? moduleDir : config.repoRoot();
    }

    private void requireJars(Collection<Service> wanted) {
        List<String> missing = wanted.stream()
                .map(config::serviceJar)
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new StackException("Service jar(s) not built: " + String.join(", ", missing)
                    + ". Build them first: ./mvnw -B -DskipTests install");
        }
    }

    private void createDirectories() {
        try {
            for (Path dir : List.of(config.kafkaDataDir(), config.logsDir(), config.runDir())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create folders under " + config.home(), e);
        }
    }

    /** Publishes a started component, or stops it at once if the stack was closed meanwhile. */
    private void register(Runnable publish, AutoCloseable component) {
        synchronized (this) {
            if (!closed) {
                publish.run();
                return;
            }
        }
        closeQuietly(component);
        requireOpen();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new StackException("The local stack is closed");
        }
    }

    private synchronized ServiceProcess detach(Service service) {
        return services.remove(service);
    }

    private static void rethrowFailure(Future<Void> wait) throws InterruptedException {
        try {
            wait.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StackException("Health check failed: " + e.getCause(), e.getCause());
        }
    }

    private static void stopInParallel(List<ServiceProcess> processes) {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : processes) {
            Thread stopper = new Thread(process::stop, "qihu-stop-" + process.name());
            stopper.start();
            stoppers.add(stopper);
        }
        // Each stop is bounded by the grace period plus the SIGKILL wait, so waiting for all is safe; an
        // interrupt must not leave processes behind, so it is only passed on afterwards.
        boolean interrupted = false;
        for (Thread stopper : stoppers) {
            while (stopper.isAlive()) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            log.warn("Could not stop {}", component, e);
        }
    }
}

package qihu.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised child process: output appended to a log file, pid recorded in a pid file, health polled over
 * HTTP, and stopped with SIGTERM followed by SIGKILL after a grace period.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    /** How much of the log is shown when a process fails. */
    public static final int LOG_TAIL_LINES = 40;

    private static final Duration HEALTH_POLL_INTERVAL = Duration.ofMillis(500);
    /** After SIGKILL the kernel reaps the process promptly; this only bounds the wait. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /**
     * What to run and where its traces go.
     *
     * @param name shown in logs and errors, e.g. {@code intake-service}
     * @param command program and arguments
     * @param environment added to (and overriding) the inherited environment
     * @param workingDir the child's working directory
     * @param logFile receives stdout and stderr (appended)
     * @param pidFile holds the child's pid while it runs
     * @param stopGracePeriod time between SIGTERM and SIGKILL
     */
    public record Spec(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDir,
            Path logFile,
            Path pidFile,
            Duration stopGracePeriod) {

        public Spec {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    private final Spec spec;
    private final Process process;
    private final HealthProbe healthProbe = new HealthProbe();
    private volatile boolean stopRequested;

    private ServiceProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /** Starts the process and writes its pid file; does not wait for it to become healthy. */
    public static ServiceProcess start(Spec spec) {
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            Files.createDirectories(spec.pidFile().toAbsolutePath().getParent());
            appendBanner(spec);
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .directory(spec.workingDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            // Nothing is ever typed into a service; closing stdin makes any accidental read end at once.
            process.getOutputStream().close();
            ServiceProcess child = new ServiceProcess(spec, process);
            try {
                AtomicFiles.write(spec.pidFile(), process.pid() + System.lineSeparator());
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            process.onExit().thenAccept(child::reportUnexpectedExit);
            log.info("Started {} (pid {}), log: {}", spec.name(), process.pid(), spec.logFile());
            return child;
        } catch (IOException e) {
            throw new StackException(
                    "Could not start " + spec.name() + " (" + String.join(" ", spec.command()) + "): " + e.getMessage(),
                    e);
        }
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path logFile() {
        return spec.logFile();
    }

    public Path pidFile() {
        return spec.pidFile();
    }

    /**
     * Polls {@code healthUrl} until it answers HTTP 200 with {@code "status":"UP"}.
     *
     * @throws StackException naming the process, the reason and the end of its log, if the process exits or the
     *     timeout passes first
     */
    public void awaitHealthy(URI healthUrl, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw failure("exited with code " + process.exitValue() + " before becoming healthy");
                }
                HealthProbe.Result result = healthProbe.check(healthUrl);
                if (result.up()) {
                    log.info("{} is healthy at {}", spec.name(), healthUrl);
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw failure("did not become healthy within " + timeout.toSeconds() + " s (last answer from "
                            + healthUrl + ": " + result.detail() + ")");
                }
                Thread.sleep(HEALTH_POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for " + spec.name() + " to become healthy", e);
        }
    }

    /** The last {@link #LOG_TAIL_LINES} lines of the log, under a heading. */
    public String logTail() {
        return LogTail.describe(spec.logFile(), LOG_TAIL_LINES);
    }

    /** Graceful stop: SIGTERM, then SIGKILL if still running after the grace period. Idempotent. */
    public synchronized void stop() {
        stopRequested = true;
        if (process.isAlive()) {
            List<ProcessHandle> descendants = process.descendants().toList();
            log.info("Stopping {} (pid {})", spec.name(), process.pid());
            process.destroy();
            descendants.forEach(ProcessHandle::destroy);
            if (!awaitExit(spec.stopGracePeriod())) {
                log.warn(
                        "{} did not stop within {} s after SIGTERM; killing it",
                        spec.name(),
                        spec.stopGracePeriod().toSeconds());
                killNow(descendants);
            }
            // A child that ignored the SIGTERM its parent passed on must not outlive the stack.
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        deletePidFile();
    }

    /** Immediate SIGKILL, as in a crash (no shutdown hooks run in the child). Idempotent. */
    public synchronized void kill() {
        stopRequested = true;
        if (process.isAlive()) {
            log.info("Killing {} (pid {})", spec.name(), process.pid());
            killNow(process.descendants().toList());
        }
        deletePidFile();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void killNow(List<ProcessHandle> descendants) {
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(KILL_WAIT)) {
            log.error("{} (pid {}) is still alive after SIGKILL", spec.name(), process.pid());
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Unexpected failure waiting for " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private StackException failure(String reason) {
        return new StackException(
                spec.name() + " failed to start: " + reason + "." + System.lineSeparator() + logTail());
    }

    private void reportUnexpectedExit(Process exited) {
        if (!stopRequested) {
            log.warn(
                    "{} (pid {}) exited unexpectedly with code {}; see {}",
                    spec.name(),
                    exited.pid(),
                    exited.exitValue(),
                    spec.logFile());
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(spec.pidFile());
        } catch (IOException e) {
            log.warn("Could not delete {}", spec.pidFile(), e);
        }
    }

    private static void appendBanner(Spec spec) throws IOException {
        String banner = "==== " + OffsetDateTime.now() + " starting " + spec.name() + ": "
                + String.join(" ", spec.command()) + System.lineSeparator();
        Files.writeString(
                spec.logFile(), banner, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

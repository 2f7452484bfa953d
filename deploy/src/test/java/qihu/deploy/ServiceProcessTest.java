package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHORT_HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOG_POLL_INTERVAL = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ServiceProcess::kill);
    }

    @Test
    void writesThePidFileWhileRunningAndRemovesItOnStop() throws IOException {
        int port = Ports.free().intake();
        ServiceProcess process = start("pid-test", FakeService.HEALTHY, port);

        assertThat(process.pidFile()).exists();
        assertThat(Files.readString(process.pidFile()).trim()).isEqualTo(String.valueOf(process.pid()));

        process.awaitHealthy(healthUrl(port), STARTUP_TIMEOUT);
        process.stop();

        assertThat(process.pidFile()).doesNotExist();
        assertNoLongerRunning(process.pid());
        assertThat(process.logFile()).content().contains("fake pid-test starting", "listening on " + port);
    }

    @Test
    void healthWaitFailsWithAClearErrorWhenNothingAnswers() {
        int port = Ports.free().intake();
        ServiceProcess process = start("silent-test", FakeService.SILENT, port);

        assertThatThrownBy(() -> process.awaitHealthy(healthUrl(port), SHORT_HEALTH_TIMEOUT))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("silent-test failed to start: did not become healthy within 2 s")
                .hasMessageContaining(healthUrl(port).toString())
                .hasMessageContaining("Last ")
                .hasMessageContaining("fake silent-test will not answer");

        process.close();
        assertNoLongerRunning(process.pid());
    }

    @Test
    void healthWaitFailsFastWhenTheProcessExits() {
        int port = Ports.free().intake();
        ServiceProcess process = start("exit-test", FakeService.EXIT, port);
        Instant begin = Instant.now();

        assertThatThrownBy(() -> process.awaitHealthy(healthUrl(port), STARTUP_TIMEOUT))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("exit-test failed to start: exited with code " + FakeService.FAILURE_EXIT_CODE)
                .hasMessageContaining(FakeService.FAILURE_MESSAGE);
        assertThat(Duration.between(begin, Instant.now())).isLessThan(STARTUP_TIMEOUT);
        assertThat(process.exitCode()).hasValue(FakeService.FAILURE_EXIT_CODE);
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
        ServiceProcess process =
                start("stubborn-test", FakeService.STUBBORN, Ports.free().intake());
        awaitLogLine(process, "ignores SIGTERM");
        Instant begin = Instant.now();

        process.stop();

        assertThat(Duration.between(begin, Instant.now())).isGreaterThanOrEqualTo(GRACE);
        assertNoLongerRunning(process.pid());
        assertThat(process.pidFile()).doesNotExist();
    }

    @Test
    void killEndsTheProcessAtOnce() {
        ServiceProcess process =
                start("kill-test", FakeService.SILENT, Ports.free().intake());

        process.kill();

        assertNoLongerRunning(process.pid());
        assertThat(process.pidFile()).doesNotExist();
        assertThat(process.exitCode()).isPresent();
    }

    private ServiceProcess start(String name, String mode, int port) {
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                name,
                FakeServices.command(),
                Map.of(
                        FakeService.MODE_ENV, mode,
                        FakeService.NAME_ENV, name,
                        LocalStack.SERVER_PORT_ENV, String.valueOf(port)),
                dir,
                dir.resolve("logs").resolve(name + ".log"),
                dir.resolve("run").resolve(name + ".pid"),
                GRACE);
        ServiceProcess process = ServiceProcess.start(spec);
        started.add(process);
        return process;
    }

    private static URI healthUrl(int port) {
        return URI.create("http://127.0.0.1:" + port + LocalStack.HEALTH_PATH);
    }

    private static void assertNoLongerRunning(long pid) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static void awaitLogLine(ServiceProcess process, String text) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!Files.readString(process.logFile()).contains(text)) {
            assertThat(Instant.now())
                    .as("waiting for '%s' in %s", text, process.logFile())
                    .isBefore(deadline);
            Thread.sleep(LOG_POLL_INTERVAL.toMillis());
        }
    }
}

package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@link LocalStack} (real Kafka and MongoDB) with {@link FakeService} jars standing in for the four
 * services, which are not needed to check the supervision itself.
 */
class LocalStackWithFakeServicesIT {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void startsEverythingPassesTheSettingsAndSurvivesAServiceCrash() throws Exception {
        StackConfig config = config().withEnv("FAKE_MARKER", "from-test").withServiceArgs(List.of("--fake.arg=1"));
        List<Long> pids = new ArrayList<>();

        try (LocalStack stack = LocalStack.start(config)) {
            for (Service service : Service.values()) {
                assertThat(stack.isRunning(service)).isTrue();
                assertThat(get(stack.healthUrl(service))).contains("\"status\":\"UP\"");
                assertThat(config.pidFile(service)).content().isEqualToIgnoringWhitespace(pidOf(stack, service));
                pids.add(stack.pid(service).orElseThrow());
            }
            assertThat(get(stack.serviceUrl(Service.DISPATCH).resolve("/echo")))
                    .contains("port=" + config.ports().dispatch())
                    .contains("brokers=" + stack.kafkaBootstrapServers())
                    .contains("mongo=" + stack.mongoUri())
                    .contains("marker=from-test")
                    .contains("args=--fake.arg=1");

            long crashedPid = stack.pid(Service.TRIAGE).orElseThrow();
            stack.killService(Service.TRIAGE);
            assertThat(stack.isRunning(Service.TRIAGE)).isFalse();
            assertThat(config.pidFile(Service.TRIAGE)).doesNotExist();
            assertNotAlive(crashedPid);

            stack.startService(Service.TRIAGE);
            assertThat(get(stack.healthUrl(Service.TRIAGE))).contains("UP");
            pids.add(stack.pid(Service.TRIAGE).orElseThrow());

            stack.stopService(Service.EVALUATION);
            assertThat(stack.isRunning(Service.EVALUATION)).isFalse();
        }

        pids.forEach(LocalStackWithFakeServicesIT::assertNotAlive);
        for (Service service : Service.values()) {
            assertThat(config.pidFile(service)).doesNotExist();
        }
        assertThat(Ports.isAvailable(config.ports().kafka())).isTrue();
        assertThat(Ports.isAvailable(config.ports().mongo())).isTrue();
    }

    @Test
    void aServiceThatDiesMakesTheStartFailAndStopsEverythingElse() throws Exception {
        StackConfig config = config().withEnv(FakeService.FAIL_ENV, Service.DISPATCH.moduleName());

        assertThatThrownBy(() -> LocalStack.start(config))
                .isInstanceOf(StackException.class)
                .hasMessageContaining(
                        "dispatch-service failed to start: exited with code " + FakeService.FAILURE_EXIT_CODE)
                .hasMessageContaining(FakeService.FAILURE_MESSAGE);

        for (Service service : Service.values()) {
            assertThat(config.pidFile(service)).doesNotExist();
        }
        assertThat(ProcessHandle.allProcesses()
                        .filter(process -> process.info()
                                .commandLine()
                                .orElse("")
                                .contains(config.repoRoot().toString())))
                .as("fake service processes left behind")
                .isEmpty();
        assertThat(Ports.isAvailable(config.ports().kafka())).isTrue();
        assertThat(Ports.isAvailable(config.ports().mongo())).isTrue();
    }

    private StackConfig config() throws Exception {
        return StackConfig.forTests(dir.resolve("home"))
                .withRepoRoot(FakeServices.createFakeRepo(dir.resolve("repo")))
                .withJvmOpts(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"))
                .withHealthTimeout(HEALTH_TIMEOUT)
                .withStopGracePeriod(GRACE);
    }

    private String get(URI url) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of %s", url).isEqualTo(200);
        return response.body();
    }

    private static String pidOf(LocalStack stack, Service service) {
        return String.valueOf(stack.pid(service).orElseThrow());
    }

    private static void assertNotAlive(long pid) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("process %d", pid)
                .isEmpty();
    }
}

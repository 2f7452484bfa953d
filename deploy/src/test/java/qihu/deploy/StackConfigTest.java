package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDocumentedLayout() throws IOException {
        Path repo = fakeCheckout();

        StackConfig config = StackConfig.fromEnvironment(Map.of(), repo.resolve("intake-service/src"));

        assertThat(config.repoRoot()).isEqualTo(repo);
        assertThat(config.home()).isEqualTo(repo.resolve(".qihu"));
        assertThat(config.kafkaDataDir()).isEqualTo(repo.resolve(".qihu/data/kafka"));
        assertThat(config.mongoDataFile()).isEqualTo(repo.resolve(".qihu/data/mongo/qihu.mv"));
        assertThat(config.logFile(Service.TRIAGE)).isEqualTo(repo.resolve(".qihu/logs/triage-service.log"));
        assertThat(config.pidFile(Service.DISPATCH)).isEqualTo(repo.resolve(".qihu/run/dispatch-service.pid"));
        assertThat(config.serviceJar(Service.EVALUATION))
                .isEqualTo(repo.resolve("evaluation-service/target/evaluation-service.jar"));
        assertThat(config.ports()).isEqualTo(new Ports(19092, 19093, 27027, 18081, 18082, 18083, 18084, 18080));
        assertThat(config.jvmOpts())
                .containsExactly("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(config.healthTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(config.services()).containsExactly(Service.values());
    }

    @Test
    void environmentOverridesTheDefaults() throws IOException {
        Path repo = fakeCheckout();
        Map<String, String> env = Map.of(
                "QIHU_HOME", "elsewhere",
                "QIHU_KAFKA_PORT", "29092",
                "QIHU_EVALUATION_PORT", "28084",
                "QIHU_JVM_OPTS", " -Xmx256m  -Dx=y ",
                "QIHU_SERVICE_ARGS", "--a=1 --b=2",
                "QIHU_HEALTH_TIMEOUT", "42");

        StackConfig config = StackConfig.fromEnvironment(env, repo);

        assertThat(config.home()).isEqualTo(repo.resolve("elsewhere"));
        assertThat(config.ports().kafka()).isEqualTo(29092);
        assertThat(config.ports().of(Service.EVALUATION)).isEqualTo(28084);
        assertThat(config.ports().mongo()).isEqualTo(Ports.DEFAULT_MONGO_PORT);
        assertThat(config.jvmOpts()).containsExactly("-Xmx256m", "-Dx=y");
        assertThat(config.serviceArgs()).containsExactly("--a=1", "--b=2");
        assertThat(config.healthTimeout()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void qihuServicesChoosesSomeOrNone() throws IOException {
        Path repo = fakeCheckout();

        assertThat(StackConfig.fromEnvironment(Map.of("QIHU_SERVICES", "intake, dispatch-service"), repo)
                        .services())
                .containsExactly(Service.INTAKE, Service.DISPATCH);
        // Only Kafka and MongoDB: the services run elsewhere (deploy/docker/smoke.sh runs them as containers).
        assertThat(StackConfig.fromEnvironment(Map.of("QIHU_SERVICES", "none"), repo)
                        .services())
                .isEmpty();
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("QIHU_SERVICES", "intake,nothing"), repo))
                .hasMessageContaining("no service 'nothing'");
    }

    @Test
    void theStoreKeepsItsDataInAFileUnlessToldOtherwise() throws IOException {
        Path repo = fakeCheckout();

        assertThat(StackConfig.fromEnvironment(Map.of(), repo).store()).isEqualTo(EmbeddedMongo.Settings.DEFAULT);
        assertThat(StackConfig.fromEnvironment(
                                Map.of("QIHU_STORE_IN_MEMORY", "TRUE", "QIHU_STORE_CACHE_MB", " 64 "), repo)
                        .store())
                .isEqualTo(new EmbeddedMongo.Settings(true, 64));
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("QIHU_STORE_IN_MEMORY", "yes"), repo))
                .hasMessageContaining("QIHU_STORE_IN_MEMORY must be true or false, got 'yes'");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("QIHU_STORE_CACHE_MB", "lots"), repo))
                .hasMessageContaining("QIHU_STORE_CACHE_MB must be a positive number of megabytes, got 'lots'");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("QIHU_STORE_CACHE_MB", "0"), repo))
                .hasMessageContaining("QIHU_STORE_CACHE_MB must be a positive number");
    }

    @Test
    void qihuRepoWinsOverTheWorkingDirectory() throws IOException {
        Path repo = fakeCheckout();

        StackConfig config = StackConfig.fromEnvironment(Map.of("QIHU_REPO", repo.toString()), Path.of("/"));

        assertThat(config.repoRoot()).isEqualTo(repo);
    }

    @Test
    void explainsWhenNoCheckoutIsFound() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), dir))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("mvnw and deploy/")
                .hasMessageContaining("QIHU_REPO");
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("QIHU_MONGO_PORT", "mongo")))
                .hasMessageContaining("QIHU_MONGO_PORT must be a port number, got 'mongo'");
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("QIHU_TRIAGE_PORT", "19092")))
                .hasMessageContaining("Port 19092 is used twice");
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("QIHU_INTAKE_PORT", "70000")))
                .hasMessageContaining("QIHU_INTAKE_PORT must be a TCP port");
    }

    @Test
    void freePortsAreDistinctAndAvailable() {
        Ports ports = Ports.free();

        assertThat(Set.copyOf(ports.byEnvironmentVariable().values())).hasSize(8);
        ports.requireAvailable();
    }

    @Test
    void withersChangeOneThing() throws IOException {
        StackConfig config = StackConfig.defaults(fakeCheckout())
                .withEnv("A", "1")
                .withEnv("B", "2")
                .withServiceArgs(List.of("--x"))
                .withServices(EnumSet.of(Service.TRIAGE, Service.INTAKE));

        assertThat(config.extraEnv()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "2"));
        assertThat(config.serviceArgs()).containsExactly("--x");
        assertThat(config.services()).containsExactly(Service.INTAKE, Service.TRIAGE);
        assertThat(config.withHealthTimeout(Duration.ofSeconds(5)).extraEnv()).isEqualTo(config.extraEnv());
    }

    /** Just enough of a checkout for the repo root to be recognised. */
    private Path fakeCheckout() throws IOException {
        Path repo = dir.resolve("checkout");
        Files.createDirectories(repo.resolve("deploy"));
        Files.createDirectories(repo.resolve("intake-service/src"));
        Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\n");
        return repo.toRealPath();
    }
}

package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that fail before anything is started, so these need neither Kafka nor service jars. */
class LocalStackPreconditionsTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutServiceJars() {
        StackConfig config = StackConfig.forTests(dir.resolve("home")).withRepoRoot(dir.resolve("empty-repo"));

        assertThatThrownBy(() -> LocalStack.start(config))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Service jar(s) not built")
                .hasMessageContaining("intake-service.jar")
                .hasMessageContaining("./mvnw -B -DskipTests install");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void namesThePortThatIsAlreadyTaken() throws IOException {
        StackConfig config = StackConfig.forTests(dir.resolve("home"))
                .withRepoRoot(FakeServices.createFakeRepo(dir.resolve("repo")));
        int mongoPort = config.ports().mongo();

        try (ServerSocket squatter = new ServerSocket(mongoPort, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertThatThrownBy(() -> LocalStack.start(config))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining(mongoPort + " (QIHU_MONGO_PORT)")
                    .hasMessageContaining("already in use");
        }
    }
}

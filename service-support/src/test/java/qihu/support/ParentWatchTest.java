package qihu.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

    @Test
    void stopsTheServiceOnceItsParentIsGone() throws Exception {
        Process parent = new ProcessBuilder("sleep", "30").start();
        CountDownLatch stopped = new CountDownLatch(1);
        ParentWatch watch = new ParentWatch(parent.pid(), Duration.ofMillis(50), stopped::countDown);
        try {
            assertThat(stopped.await(300, TimeUnit.MILLISECONDS))
                    .as("while the parent lives")
                    .isFalse();

            parent.destroyForcibly().waitFor();

            assertThat(stopped.await(10, TimeUnit.SECONDS))
                    .as("after the parent was killed")
                    .isTrue();
        } finally {
            watch.destroy();
            parent.destroyForcibly();
        }
    }
}

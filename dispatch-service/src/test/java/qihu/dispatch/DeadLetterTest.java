package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import qihu.events.Topics;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** An event the consumer cannot read ends on the dead-letter topic after the retries, and is counted there. */
@QihuServiceTest
class DeadLetterTest extends ServiceTestSupport {

    private static final String DEAD_LETTERS = "error." + Topics.CASE_TRIAGED + ".dispatch";

    @Autowired
    MeterRegistry meters;

    @Test
    void anUnreadableEventIsDeadLetteredAndCounted() {
        double before = deadLettered();

        publishRaw(Topics.CASE_TRIAGED, "case-garbage", "this is not an event".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered() == before + 1);
        assertThat(recordsOn(DEAD_LETTERS, Duration.ofSeconds(3)))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .contains("this is not an event");
    }

    private double deadLettered() {
        return meters.counter("qihu.events.dead.lettered", "topic", Topics.CASE_TRIAGED, "group", "dispatch")
                .count();
    }
}

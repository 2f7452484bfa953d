package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DedupPolicyTest {

    @Test
    void rejectsThresholdsThatMakeNoSense() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DedupPolicy(1.2, 0.6, 0.5, Duration.ofDays(90), 0.25, 20))
                .withMessageContaining("duplicateScore");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DedupPolicy(0.7, 0.8, 0.5, Duration.ofDays(90), 0.25, 20))
                .withMessageContaining("uncertainScore");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DedupPolicy(0.75, 0.6, 0.5, Duration.ZERO, 0.25, 20))
                .withMessageContaining("duplicateWindow");
    }
}

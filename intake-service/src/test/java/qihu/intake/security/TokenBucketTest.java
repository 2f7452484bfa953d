package qihu.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstPassesThenTheRateRefillsIt() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.take(SECOND / 4)).isEqualTo(Duration.ofMillis(250));
        assertThat(bucket.take(SECOND / 2)).isZero();
        assertThat(bucket.take(SECOND / 2)).isPositive();
    }

    @Test
    void anIdleBucketHoldsNoMoreThanItsBurst() {
        TokenBucket bucket = new TokenBucket(100, 2, 0);

        long anHourLater = 3600 * SECOND;
        assertThat(bucket.take(anHourLater)).isZero();
        assertThat(bucket.take(anHourLater)).isZero();
        assertThat(bucket.take(anHourLater)).isPositive();
    }
}

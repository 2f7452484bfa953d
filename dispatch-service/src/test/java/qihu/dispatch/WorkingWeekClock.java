package qihu.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service's clock starts at {@link #START} and then runs at normal speed, so that "resolved on time" does not
 * depend on the day the tests run, while leases and grace periods still pass.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WorkingWeekClock {

    /** Monday 2026-11-23, 10:00 in Shanghai. */
    public static final Instant START = Instant.parse("2026-11-23T02:00:00Z");

    @Bean
    Clock clock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START));
    }
}

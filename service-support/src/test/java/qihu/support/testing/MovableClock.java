package qihu.support.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service's clock, set by the test: time is a dependency, so deadlines and windows are tested by moving it,
 * never by sleeping. Import it with {@code @Import(MovableClock.class)} and autowire it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClock extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);

    @Bean
    MovableClock clock() {
        return this;
    }

    /** Sets the time, e.g. {@code "2026-11-23T10:00:00+08:00"}. */
    public void set(String offsetDateTime) {
        now.set(OffsetDateTime.parse(offsetDateTime).toInstant());
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

package qihu.intake.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per channel. Per instance: with N instances behind a balancer a channel may send N times its
 * limit, which the limit's configuration has to allow for.
 */
public final class ChannelRateLimiter {

    private final SecurityProperties properties;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ChannelRateLimiter(SecurityProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
    }

    /** {@link Duration#ZERO} if the channel may send now, else how long it has to wait. */
    public Duration take(String channel) {
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(channel, c -> {
                    SecurityProperties.RateLimit limit = properties.rateLimitOf(c);
                    return new TokenBucket(limit.requestsPerSecond(), limit.burst(), now);
                })
                .take(now);
    }
}

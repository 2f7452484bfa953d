package qihu.intake.security;

import java.time.Duration;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled continuously at a rate; each request takes one. Time is
 * given by the caller (nanoseconds from any fixed origin), so it is tested by moving a number, not by sleeping.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double requestsPerSecond, int burst, long now) {
        this.capacity = burst;
        this.tokensPerNano = requestsPerSecond / NANOS_PER_SECOND;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token: {@link Duration#ZERO} if there was one, else how long until there will be. */
    public synchronized Duration take(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
    }
}

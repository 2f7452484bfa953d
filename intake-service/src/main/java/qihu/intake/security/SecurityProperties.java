package qihu.intake.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How channels authenticate and how much they may send ({@code qihu.intake.security.*}).
 *
 * @param requireSignature whether {@code POST /api/v1/requests} needs a signature too (the channel endpoints always
 *     do); off only for a trusted network
 * @param maxAge how old a request's timestamp may be; a nonce is remembered this long
 * @param maxClockSkew how far a channel's clock may run ahead of ours
 * @param maxBodySize larger bodies are refused (413) before they are read into memory
 * @param nonceSweepInterval how often expired nonces are deleted (the embedded store has no TTL indexes)
 * @param rateLimit every channel's limit unless it has its own
 * @param channels each channel's keys and, optionally, its own limit
 */
@ConfigurationProperties("qihu.intake.security")
public record SecurityProperties(
        @DefaultValue("true") boolean requireSignature,
        @DefaultValue("5m") Duration maxAge,
        @DefaultValue("30s") Duration maxClockSkew,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("1m") Duration nonceSweepInterval,
        @DefaultValue RateLimit rateLimit,
        Map<String, ChannelSecurity> channels) {

    /** Keys shorter than this are guessable; HMAC-SHA256 wants at least 128 bits of secret. */
    static final int MIN_KEY_LENGTH = 16;
    /** The key in use and the next one, so a channel can switch over without a moment of rejected requests. */
    static final int MAX_KEYS = 2;

    public SecurityProperties {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        channels.forEach((channel, security) -> {
            if (security.keys().isEmpty() || security.keys().size() > MAX_KEYS) {
                throw new IllegalArgumentException("qihu.intake.security.channels." + channel + ".keys must list 1 or "
                        + MAX_KEYS + " keys (the current and the next)");
            }
            if (security.keys().stream().anyMatch(key -> key == null || key.length() < MIN_KEY_LENGTH)) {
                throw new IllegalArgumentException("qihu.intake.security.channels." + channel
                        + ".keys must each be at least " + MIN_KEY_LENGTH + " characters");
            }
        });
    }

    /**
     * A token bucket: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
     */
    public record RateLimit(
            @DefaultValue("500") double requestsPerSecond,
            @DefaultValue("1000") int burst) {
        public RateLimit {
            if (requestsPerSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs requests-per-second > 0 and burst >= 1");
            }
        }
    }

    /** @param rateLimit null for the default */
    public record ChannelSecurity(List<String> keys, RateLimit rateLimit) {
        public ChannelSecurity {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    public RateLimit rateLimitOf(String channel) {
        ChannelSecurity security = channels.get(channel);
        return security == null || security.rateLimit() == null ? rateLimit : security.rateLimit();
    }

    public List<String> keysOf(String channel) {
        ChannelSecurity security = channels.get(channel);
        return security == null ? List.of() : security.keys();
    }
}

package qihu.intake.callback;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Answering channels back ({@code qihu.intake.callbacks.*}).
 *
 * @param channels each channel's callback address; a channel without one is not called (its systems poll the
 *     status endpoint instead), unless {@code baseUrl} is set
 * @param baseUrl if set, the address of every channel without its own: {@code baseUrl + channel code} (one gateway
 *     or simulator answering for all channels)
 * @param timeout one call's limit, connection and answer together
 * @param retry in-process retries of one delivery before it is dead-lettered
 * @param circuitBreaker per channel: a channel that keeps failing is not called for a while
 * @param bulkhead per channel: at most this many calls at once, so one slow channel cannot hold every thread
 * @param pollInterval how often pending deliveries are looked for (a new one is tried at once as well)
 * @param lease how long an instance owns a delivery it is sending; after that another may take it over
 * @param batchSize deliveries taken per poll
 */
@ConfigurationProperties("qihu.intake.callbacks")
public record CallbackProperties(
        Map<String, ChannelCallback> channels,
        URI baseUrl,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue Bulkhead bulkhead,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("200") int batchSize) {

    public CallbackProperties {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        channels.forEach((channel, callback) -> requireHttp("channels." + channel + ".url", callback.url()));
        if (baseUrl != null) {
            requireHttp("base-url", baseUrl);
        }
    }

    /** Where the channel is called back, if anywhere. */
    public Optional<URI> urlOf(String channel) {
        ChannelCallback own = channels.get(channel);
        if (own != null) {
            return Optional.of(own.url());
        }
        return Optional.ofNullable(baseUrl).map(base -> URI.create(base.toString() + channel));
    }

    private static void requireHttp(String property, URI url) {
        if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException(
                    "qihu.intake.callbacks." + property + " must be an absolute http(s) address");
        }
    }

    public record ChannelCallback(URI url) {}

    /** Attempts in all (the first call included), waiting {@code initialBackoff × multiplier^n} between them. */
    public record Retry(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier) {}

    /**
     * Opens when at least {@code failureRateThreshold} % of the last {@code slidingWindowSize} calls failed (and at
     * least {@code minimumCalls} were made); stays open {@code openFor}, then lets a few calls test the channel.
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("30s") Duration openFor) {}

    public record Bulkhead(@DefaultValue("8") int maxConcurrentCalls) {}
}

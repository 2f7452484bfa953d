package qihu.intake.request;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests accepted per channel ({@code qihu.requests.accepted}: stored for the first time) and re-sends answered with
 * the request already stored ({@code qihu.requests.replayed}). Every configured channel's series exists from the
 * start at zero, so a dashboard shows a silent channel as zero rather than as missing.
 */
final class AcceptanceMeters {

    private final MeterRegistry registry;
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> replayed = new ConcurrentHashMap<>();

    AcceptanceMeters(MeterRegistry registry, Collection<String> channels) {
        this.registry = registry;
        channels.forEach(channel -> {
            accepted(channel);
            replayed(channel);
        });
    }

    void count(RequestAcceptance.Accepted outcome) {
        String channel = outcome.request().channel();
        (outcome.replayed() ? replayed(channel) : accepted(channel)).increment();
    }

    private Counter accepted(String channel) {
        return accepted.computeIfAbsent(
                channel,
                c -> counter("qihu.requests.accepted", "Requests stored and acknowledged with 202, by channel", c));
    }

    private Counter replayed(String channel) {
        return replayed.computeIfAbsent(
                channel,
                c -> counter(
                        "qihu.requests.replayed",
                        "Re-sent channel ids answered with the request already stored, by channel",
                        c));
    }

    private Counter counter(String name, String description, String channel) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel)
                .register(registry);
    }
}

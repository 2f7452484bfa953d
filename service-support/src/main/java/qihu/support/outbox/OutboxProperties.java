package qihu.support.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings ({@code qihu.outbox.*}).
 *
 * @param collections the collections whose documents carry pending events
 * @param pollInterval how often the poller looks for events the immediate relay did not publish
 * @param grace how old a pending event must be before the poller takes it (the immediate relay usually has it)
 * @param batchSize documents per poll
 */
@ConfigurationProperties("qihu.outbox")
public record OutboxProperties(
        List<String> collections,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2s") Duration grace,
        @DefaultValue("200") int batchSize) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
    }
}

package qihu.support.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings ({@code qihu.outbox.*}).
 *
 * @param collections the collections whose documents carry pending events
 * @param pollInterval how often the poller looks for events the immediate relay did not publish, while it misses some
 * @param fullScanInterval how often the poller looks anyway (for events of a writer that died before relaying)
 * @param grace how old a pending event must be before the poller takes it (the immediate relay usually has it)
 * @param batchSize documents per poll
 * @param lease how long one relay has a document's events to itself; longer than a publish can take
 * @param notedCollections those of {@code collections} whose every writer notes a document before adding events to it
 *     ({@link OutboxRelay#note}): the poller reads the notes by key instead of scanning the collection
 */
@ConfigurationProperties("qihu.outbox")
public record OutboxProperties(
        List<String> collections,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration fullScanInterval,
        @DefaultValue("2s") Duration grace,
        @DefaultValue("200") int batchSize,
        @DefaultValue("30s") Duration lease,
        List<String> notedCollections) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        notedCollections = notedCollections == null ? List.of() : List.copyOf(notedCollections);
    }

    /** The collections the poller has to scan: those not noted. */
    public List<String> scannedCollections() {
        return collections.stream().filter(c -> !notedCollections.contains(c)).toList();
    }
}

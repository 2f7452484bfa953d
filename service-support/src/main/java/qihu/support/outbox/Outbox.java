package qihu.support.outbox;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.springframework.data.mongodb.core.query.Update;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;

/**
 * Writes pending events into an aggregate's document. A document with pending events carries them in
 * {@value #ENTRIES} and the time of the oldest in {@value #PENDING_SINCE}, which the relay's poller queries.
 */
public final class Outbox {

    public static final String ENTRIES = "outbox";
    public static final String PENDING_SINCE = "outboxSince";
    /**
     * Counts the appends: the relay removes what it published only if no event was added meanwhile, by a query on
     * {@code _id} and this field that a unique compound index answers (the embedded store uses an index only when
     * the query's keys equal the index's keys).
     */
    public static final String VERSION = "outboxVersion";

    private final EventCodec codec;

    public Outbox(EventCodec codec) {
        this.codec = codec;
    }

    public List<OutboxEntry> entries(EventEnvelope<?>... events) {
        return Arrays.stream(events).map(e -> OutboxEntry.of(codec, e)).toList();
    }

    /** Adds the events to an update of the document: one atomic write for the state change and its events. */
    public Update append(Update update, EventEnvelope<?>... events) {
        List<OutboxEntry> entries = entries(events);
        update.push(ENTRIES).each(entries.toArray());
        update.min(PENDING_SINCE, Date.from(entries.get(0).enqueuedAt()));
        update.inc(VERSION, 1);
        return update;
    }
}

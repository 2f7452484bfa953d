package qihu.dispatch.timer;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * One armed timer in a {@link TimerBuckets} bucket: what it is about ({@code key}: a task id, or a task's notice: {@link TimerBuckets#groupedKey}),
 * when it is due, when it was armed, and for notices the event to publish.
 *
 * @param data what the timer carries besides its key; null when the key says it all
 */
public record TimerEntry(String key, Instant at, Instant armedAt, Document data) {

    static final String KEY = "k";
    static final String AT = "at";
    static final String ARMED_AT = "armed";
    static final String DATA = "d";

    public TimerEntry {
        // The store keeps milliseconds: an entry read back must equal the one armed, to be pulled by value.
        at = Instant.ofEpochMilli(at.toEpochMilli());
        armedAt = Instant.ofEpochMilli(armedAt.toEpochMilli());
    }

    public static TimerEntry of(String key, Instant at, Instant armedAt) {
        return new TimerEntry(key, at, armedAt, null);
    }

    Document toDocument() {
        Document document = new Document(KEY, key).append(AT, Date.from(at)).append(ARMED_AT, Date.from(armedAt));
        if (data != null) {
            document.append(DATA, data);
        }
        return document;
    }

    static TimerEntry from(Document document) {
        return new TimerEntry(
                document.getString(KEY),
                document.getDate(AT).toInstant(),
                document.getDate(ARMED_AT).toInstant(),
                document.get(DATA, Document.class));
    }
}

package qihu.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what the event is about, so that producing the same fact twice (a crash between publishing
 * and marking, a redelivered command) yields the same id and consumers drop the copy.
 */
public final class EventIds {
    private EventIds() {}

    public static String of(EventType type, Object... facts) {
        StringBuilder name = new StringBuilder(type.wireName());
        for (Object fact : facts) {
            name.append('|').append(fact);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}

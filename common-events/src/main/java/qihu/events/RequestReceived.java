package qihu.events;

import java.time.Instant;
import java.util.List;

/** An enterprise request accepted by intake from one channel, in the canonical shape. */
public record RequestReceived(
        String requestId,
        String channel,
        String channelRequestId,
        Enterprise enterprise,
        String regionCode,
        String title,
        String content,
        Contact contact,
        List<Attachment> attachments,
        Instant receivedAt)
        implements EventPayload {

    public RequestReceived {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** One enterprise's requests share a key, so duplicates of each other are triaged in order, by one consumer. */
    @Override
    public String partitionKey() {
        return enterprise != null && enterprise.identified() ? enterprise.uscc() : requestId;
    }
}

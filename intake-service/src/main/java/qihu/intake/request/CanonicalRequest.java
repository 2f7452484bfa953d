package qihu.intake.request;

import java.time.OffsetDateTime;
import java.util.List;
import qihu.events.Attachment;
import qihu.events.Contact;
import qihu.events.Enterprise;

/**
 * The one request shape every channel adapter maps to, and what channels may also send directly.
 *
 * @param receivedAt when the channel received it; defaults to the time intake accepts it
 */
public record CanonicalRequest(
        String channel,
        String channelRequestId,
        Enterprise enterprise,
        String regionCode,
        String title,
        String content,
        Contact contact,
        List<Attachment> attachments,
        OffsetDateTime receivedAt) {

    public CanonicalRequest {
        attachments = attachments == null ? List.of() : attachments;
    }
}

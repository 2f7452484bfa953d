package qihu.intake.request;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import qihu.events.Attachment;
import qihu.events.Contact;
import qihu.events.Enterprise;

/**
 * The one request shape every channel adapter maps to, and what channels may also send directly.
 *
 * @param receivedAt when the channel received it; defaults to the time intake accepts it
 * @param channelDetails what the channel knows about the request that has no canonical field (the hotline's
 *     operator, the window's staff member, the meeting), kept with the stored request for answering back
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
        OffsetDateTime receivedAt,
        Map<String, String> channelDetails) {

    public CanonicalRequest {
        attachments = attachments == null ? List.of() : attachments;
        // A detail without a value says nothing; the store keeps maps without nulls.
        channelDetails = channelDetails == null
                ? Map.of()
                : channelDetails.entrySet().stream()
                        .filter(detail -> detail.getKey() != null && detail.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The same request with the enterprise and region intake resolved from its directory. */
    public CanonicalRequest withEnterprise(Enterprise resolved, String resolvedRegionCode) {
        return new CanonicalRequest(
                channel,
                channelRequestId,
                resolved,
                resolvedRegionCode,
                title,
                content,
                contact,
                attachments,
                receivedAt,
                channelDetails);
    }
}

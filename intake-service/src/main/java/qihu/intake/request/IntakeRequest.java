package qihu.intake.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.events.Attachment;
import qihu.events.Contact;
import qihu.events.Enterprise;
import qihu.intake.enterprise.EnterpriseIdentity;
import qihu.support.outbox.OutboxEntry;

/**
 * A stored request, as accepted from a channel. Inserted together with its pending {@code request.received} event.
 *
 * @param enterpriseIdentity how the enterprise was identified; {@code UNRESOLVED} ones need manual triage
 * @param channelDetails what the channel said that has no canonical field (operator, staff member, meeting)
 * @param fingerprint hash of what the channel sent, to tell a harmless re-send from a reused channel id
 * @param caseId set once triage opened a case for it or merged it into one
 */
@Document(IntakeRequest.COLLECTION)
// A channel's requests by time: Open311's GET requests.
@CompoundIndex(name = "channel_received", def = "{'channel': 1, 'receivedAt': -1}")
public record IntakeRequest(
        @Id String requestId,
        String channel,
        String channelRequestId,
        Enterprise enterprise,
        EnterpriseIdentity enterpriseIdentity,
        String regionCode,
        String title,
        String content,
        Contact contact,
        List<Attachment> attachments,
        Map<String, String> channelDetails,
        Instant receivedAt,
        Instant acceptedAt,
        String fingerprint,
        @Indexed String caseId,
        String caseNumber,
        List<OutboxEntry> outbox,
        @Indexed Instant outboxSince) {

    public static final String COLLECTION = "requests";
}

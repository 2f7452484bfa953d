package qihu.triage.triaging;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.events.Classification;
import qihu.events.Enterprise;
import qihu.support.outbox.OutboxEntry;

/**
 * A case (办件) as triage keeps it: the master request's facts, every request merged into it, and whether it is
 * still open (only open cases take duplicates).
 *
 * @param duplicateKey see {@link qihu.triage.dedup.ExactDuplicateKey}; null when the enterprise is not identified
 */
@Document(TriageCase.COLLECTION)
@CompoundIndex(name = "open_duplicates", def = "{'duplicateKey': 1, 'state': 1}")
@CompoundIndex(name = "member_requests", def = "{'requests.requestId': 1}")
public record TriageCase(
        @Id String caseId,
        String caseNumber,
        CaseState state,
        Enterprise enterprise,
        String duplicateKey,
        String regionCode,
        String title,
        String content,
        Classification classification,
        List<MemberRequest> requests,
        Instant receivedAt,
        Instant openedAt,
        List<OutboxEntry> outbox,
        @Indexed Instant outboxSince) {

    public static final String COLLECTION = "cases";

    public enum CaseState {
        OPEN,
        CLOSED
    }

    /** A request that belongs to the case: the master (score 1, "opened the case") or a merged duplicate. */
    public record MemberRequest(String requestId, String channel, double score, String reason, Instant at) {}
}

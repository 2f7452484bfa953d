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
 * still open (only open cases take duplicates); what dedup and the classifier found when it was opened.
 *
 * @param duplicateKey see {@link qihu.triage.dedup.ExactDuplicateKey}; null when the enterprise is not identified
 * @param classifierEvidence the model and the board's top three behind {@code classification}; null if not classified
 * @param relatedCases similar cases (another enterprise's, or another problem of the same one): linked, not merged
 * @param recurrenceOf the closed case of the same enterprise with the same problem that this case repeats
 * @param manualTriage why a person should look at this case (a possible duplicate, an unsure classification); null
 *     when nothing needs checking
 */
@Document(TriageCase.COLLECTION)
@CompoundIndex(name = "open_duplicates", def = "{'duplicateKey': 1, 'state': 1}")
@CompoundIndex(name = "member_requests", def = "{'requests.requestId': 1}")
@CompoundIndex(name = "enterprise_cases", def = "{'enterprise.uscc': 1, 'receivedAt': -1}")
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
        ClassifierEvidence classifierEvidence,
        List<SimilarCase> relatedCases,
        String recurrenceOf,
        ManualTriage manualTriage,
        List<MemberRequest> requests,
        Instant receivedAt,
        @Indexed Instant openedAt,
        List<OutboxEntry> outbox,
        @Indexed Instant outboxSince) {

    public static final String COLLECTION = "cases";

    public enum CaseState {
        OPEN,
        CLOSED
    }

    /** A request that belongs to the case: the master (score 1, "opened the case") or a merged duplicate. */
    public record MemberRequest(String requestId, String channel, double score, String reason, Instant at) {}

    /** A case compared with this one when it was opened, and what the comparison said. */
    public record SimilarCase(String caseId, String verdict, double score, String reason) {}

    /** The model that classified the case and the board's most probable labels. */
    public record ClassifierEvidence(String modelId, List<BoardScore> topBoards) {}

    public record BoardScore(String board, double probability) {}

    /** Why the case waits for a person (人工分拨), with the similar cases to look at. */
    public record ManualTriage(List<String> reasons, List<SimilarCase> similarCases) {}
}

package qihu.triage.triaging;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.Enterprise;
import qihu.support.outbox.OutboxEntry;

/**
 * A case (办件) as triage keeps it: the master request's facts, every request merged into it, and whether it is
 * still open (only open cases take duplicates); what dedup and the classifier found when it was opened. A case that
 * needs a person first waits in the manual triage queue ({@link CaseState#AWAITING_TRIAGE}, nothing published), then
 * is opened or merged into another case by a person's decision.
 *
 * @param duplicateKey see {@link qihu.triage.dedup.ExactDuplicateKey}; null when the enterprise is not identified
 * @param classifierEvidence the model and the board's top three behind {@code classification}; null if not classified
 * @param relatedCases similar cases (another enterprise's, or another problem of the same one): linked, not merged
 * @param recurrenceOf the closed case of the same enterprise with the same problem that this case repeats
 * @param manualTriage why a person should look at this case (a possible duplicate, an unsure classification, an
 *     unidentified enterprise) and what the person decided; null when nothing needs checking
 * @param openedAt when the case was opened (published); null while it waits for triage and if it was merged
 * @param mergedInto the open case a person merged this one's request into ({@link CaseState#MERGED})
 * @param revision counts the changes of state and membership; a conditional change is made only if it is still the
 *     revision read, by a query on {@code _id} and revision that a unique index answers (the embedded store uses an
 *     index only when the query's keys are exactly the index's); null in cases stored before it existed
 */
@Document(TriageCase.COLLECTION)
@CompoundIndex(name = TriageCase.REVISION_INDEX, def = "{'_id': 1, 'revision': 1}", unique = true)
@CompoundIndex(name = "triage_queue", def = "{'state': 1, 'receivedAt': 1}")
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
        @Indexed Instant outboxSince,
        String mergedInto,
        Long revision) {

    public static final String COLLECTION = "cases";
    public static final String REVISION = "revision";
    static final String REVISION_INDEX = "case_revision";

    public enum CaseState {
        OPEN,
        CLOSED,
        /** Held for a person (人工分拨): not published, not in the near-duplicate index, takes no duplicates. */
        AWAITING_TRIAGE,
        /** A person merged its request into another, open case ({@code mergedInto}); it is never opened. */
        MERGED
    }

    /** The request that made the case. */
    public MemberRequest master() {
        return requests.get(0);
    }

    /** This case opened at {@code now}, with the events of its opening pending in its outbox. */
    public TriageCase openedNow(Instant now, List<OutboxEntry> events) {
        return new TriageCase(
                caseId,
                caseNumber,
                CaseState.OPEN,
                enterprise,
                duplicateKey,
                regionCode,
                title,
                content,
                classification,
                classifierEvidence,
                relatedCases,
                recurrenceOf,
                manualTriage,
                requests,
                receivedAt,
                now,
                events,
                now,
                mergedInto,
                revision);
    }

    /** Whether the request is this case's master or one merged into it. */
    public boolean hasMember(String requestId) {
        return requests != null && requests.stream().anyMatch(r -> r.requestId().equals(requestId));
    }

    /**
     * What dispatch learns when the case is opened, with the classification it is opened with; the related cases and
     * the recurrence travel with it for evaluation's common-issue reports.
     */
    public CaseOpened openedEvent(Classification opening) {
        return new CaseOpened(
                caseId,
                caseNumber,
                master().requestId(),
                master().channel(),
                enterprise,
                regionCode,
                title,
                content,
                opening,
                receivedAt,
                relatedCases == null
                        ? List.of()
                        : relatedCases.stream().map(SimilarCase::caseId).toList(),
                recurrenceOf);
    }

    /** A request that belongs to the case: the master (score 1, "opened the case") or a merged duplicate. */
    public record MemberRequest(String requestId, String channel, double score, String reason, Instant at) {}

    /** A case compared with this one when it was opened, and what the comparison said. */
    public record SimilarCase(String caseId, String verdict, double score, String reason) {}

    /** The model that classified the case and the board's most probable labels. */
    public record ClassifierEvidence(String modelId, List<BoardScore> topBoards) {}

    public record BoardScore(String board, double probability) {}

    /**
     * Why the case waits for a person (人工分拨), with the similar cases to look at, and what the person decided.
     *
     * @param correlationId the request's correlation id, carried on by the events a later decision publishes
     * @param decision null until a person decided
     */
    public record ManualTriage(
            List<String> reasons, List<SimilarCase> similarCases, String correlationId, Decision decision) {}

    /** What a person can make of a waiting case. */
    public enum Choice {
        /** A case of its own, with the suggested or the person's classification. */
        OPEN,
        /** A duplicate: its request joins an open case of the same enterprise. */
        MERGE
    }

    /**
     * A person's decision on a waiting case.
     *
     * @param suggested what the classifier proposed
     * @param decided the classification the case was opened with, or the one of the case it was merged into
     * @param similarity of the request and the case it was merged into; null for {@link Choice#OPEN}
     */
    public record Decision(
            Choice choice,
            Classification suggested,
            Classification decided,
            String mergedInto,
            String mergedIntoCaseNumber,
            Double similarity,
            String reviewer,
            String note,
            Instant decidedAt) {}
}

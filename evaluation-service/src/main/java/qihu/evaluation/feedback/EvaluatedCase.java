package qihu.evaluation.feedback;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.events.CloseReason;
import qihu.events.Rating;
import qihu.support.outbox.OutboxEntry;

/**
 * Evaluation's view of a case: its rounds, the ratings given and how it closed.
 *
 * @param ratingDueAt the end of the rating window of the current round; null when the calendar of that year is not
 *     loaded (the case then waits for a real rating)
 * @param relatedCaseIds the cases triage linked this one to (related, not merged)
 * @param recurrenceOf the closed case this one repeats, or null
 * @param ratingLinkRound the round the latest signed rating link was issued for
 */
@Document(EvaluatedCase.COLLECTION)
public record EvaluatedCase(
        @Id String caseId,
        String caseNumber,
        String correlationId,
        String channel,
        String regionCode,
        List<String> relatedCaseIds,
        String recurrenceOf,
        List<String> mergedRequestIds,
        @Indexed CaseState state,
        int round,
        int reopenCount,
        String reply,
        Instant resolvedAt,
        @Indexed Instant ratingDueAt,
        Integer ratingLinkRound,
        String ratingLink,
        Instant ratingLinkExpiresAt,
        Instant closedAt,
        CloseReason closeReason,
        List<RatingEntry> ratings,
        List<OutboxEntry> outbox,
        @Indexed Instant outboxSince) {

    public static final String COLLECTION = "cases";

    /** One rating of one round. */
    public record RatingEntry(int round, Rating rating, String comment, String channel, Instant at) {}
}

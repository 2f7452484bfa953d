package qihu.events;

/**
 * A request was merged into an open case as a duplicate: the enterprise gets one case number and one answer.
 *
 * @param score similarity of the request to the case, 1.0 for an exact duplicate
 * @param reason why it was judged a duplicate, for people to check
 */
public record RequestMerged(
        String caseId, String caseNumber, String requestId, String channel, double score, String reason)
        implements CaseEvent {}

package qihu.events;

import java.time.Instant;

/**
 * Evaluation asks the enterprise to rate the answer of one round (请评价): intake passes the signed link on to every
 * channel of the case with the resolved notice.
 *
 * @param ratingLink where the enterprise rates this round; carries {@code token}
 * @param token the signed rating token (case, round, expiry) the rating endpoint accepts
 * @param expiresAt after this the link is refused
 */
public record FeedbackRequested(String caseId, int round, String ratingLink, String token, Instant expiresAt)
        implements CaseEvent {}

package qihu.intake.progress;

import java.time.Instant;
import qihu.intake.enterprise.EnterpriseIdentity;

/**
 * What a channel sees of its request.
 *
 * @param enterpriseIdentity {@code UNRESOLVED} when the enterprise sent by name only is not in the directory: the
 *     request was accepted and waits for a person to identify the enterprise
 * @param ratingLink where the enterprise rates the answer (评价链接), while a rating is awaited: channels that poll
 *     instead of taking callbacks find it here
 */
public record RequestStatusView(
        String requestId,
        String channel,
        String channelRequestId,
        EnterpriseIdentity enterpriseIdentity,
        CaseStatus status,
        String caseId,
        String caseNumber,
        String departmentName,
        Instant dueAt,
        String reply,
        String ratingLink,
        Instant receivedAt,
        Instant updatedAt) {}

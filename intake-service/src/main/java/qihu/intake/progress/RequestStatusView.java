package qihu.intake.progress;

import java.time.Instant;

/** What a channel sees of its request. */
public record RequestStatusView(
        String requestId,
        String channel,
        String channelRequestId,
        CaseStatus status,
        String caseId,
        String caseNumber,
        String departmentName,
        Instant dueAt,
        String reply,
        Instant receivedAt,
        Instant updatedAt) {}

package qihu.events;

import java.time.Instant;

/** The department answered (办结); the reply goes back to the enterprise through every channel of the case. */
public record TaskResolved(
        String caseId,
        String taskId,
        int round,
        String departmentId,
        String handler,
        String reply,
        Instant resolvedAt,
        Instant dueAt,
        boolean onTime)
        implements CaseEvent {}

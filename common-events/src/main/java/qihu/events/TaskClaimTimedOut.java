package qihu.events;

import java.time.Instant;

/**
 * Nobody of the assigned department claimed the task in time; it goes to the fallback board's (兜底) department, which
 * a {@link TaskAssigned} of the same task follows.
 *
 * @param claimDueAt when the claim was due
 */
public record TaskClaimTimedOut(
        String caseId, String taskId, int round, String departmentId, Instant claimDueAt, String fallbackDepartmentId)
        implements CaseEvent {}

package qihu.events;

import java.time.Instant;

/**
 * A task for one round of a case was given to a department, with its deadline (办理时限).
 *
 * @param round 1 for the first handling, +1 for each reopen (重办)
 * @param dueAt end of the last working day of the budget; null while the calendar of that year is not loaded
 */
public record TaskAssigned(
        String caseId,
        String taskId,
        int round,
        String departmentId,
        String departmentName,
        String regionCode,
        OwnerLevel level,
        int workingDays,
        Instant dueAt)
        implements CaseEvent {}

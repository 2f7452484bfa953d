package qihu.events;

import java.time.Instant;

/**
 * The material arrived and the task's clock runs again; the deadline moved by the working days the pause took.
 *
 * @param pausedWorkingDays working days after the day of pausing up to and including the day of resuming
 * @param dueAt the moved deadline; null while the calendar of its year is not loaded
 */
public record TaskResumed(
        String caseId,
        String taskId,
        int round,
        String departmentId,
        String handler,
        int pausedWorkingDays,
        Instant dueAt)
        implements CaseEvent {}

package qihu.events;

import java.time.Instant;

/**
 * A supervisor approved the extension (延期批准): the deadline moved by {@code workingDays} working days.
 *
 * @param dueAt the new deadline; null while the calendar of its year is not loaded
 */
public record TaskExtensionApproved(
        String caseId, String taskId, int round, String departmentId, String supervisor, int workingDays, Instant dueAt)
        implements CaseEvent {}

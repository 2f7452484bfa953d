package qihu.events;

import java.time.Instant;

/** A task's deadline colour changed (yellow: warning; red: overdue). */
public record SlaWarningRaised(String caseId, String taskId, int round, SlaColour colour, Instant dueAt)
        implements CaseEvent {}

package qihu.events;

import java.time.Instant;

/**
 * A task's deadline colour changed (yellow: warning; red: overdue; green again after the deadline moved).
 *
 * @param noticeAt when people may be told (the next working hour at or after the change): the colour changes on time,
 *     notices to people wait for working hours; absent in events of older producers, meaning at once
 */
public record SlaWarningRaised(
        String caseId, String taskId, int round, SlaColour colour, Instant dueAt, Instant noticeAt)
        implements CaseEvent {

    public SlaWarningRaised(String caseId, String taskId, int round, SlaColour colour, Instant dueAt) {
        this(caseId, taskId, round, colour, dueAt, null);
    }
}

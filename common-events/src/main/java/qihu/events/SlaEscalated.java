package qihu.events;

import java.time.Instant;

/**
 * An overdue task was escalated (督办) to the supervising level; again at each further breach.
 *
 * @param breach 1 for the first breach of the deadline, 2 for the next, ...
 * @param noticeAt when the supervisors may be told (the next working hour at or after the escalation); absent in
 *     events of older producers, meaning at once
 */
public record SlaEscalated(
        String caseId,
        String taskId,
        int round,
        int breach,
        String supervisingRegionCode,
        Instant dueAt,
        Instant noticeAt)
        implements CaseEvent {

    public SlaEscalated(
            String caseId, String taskId, int round, int breach, String supervisingRegionCode, Instant dueAt) {
        this(caseId, taskId, round, breach, supervisingRegionCode, dueAt, null);
    }
}

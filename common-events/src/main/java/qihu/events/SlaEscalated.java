package qihu.events;

import java.time.Instant;

/**
 * An overdue task was escalated (督办) to the supervising level; again at each further breach.
 *
 * @param breach 1 for the first breach of the deadline, 2 for the next, ...
 */
public record SlaEscalated(
        String caseId, String taskId, int round, int breach, String supervisingRegionCode, Instant dueAt)
        implements CaseEvent {}

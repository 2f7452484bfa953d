package qihu.dispatch.task;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.events.Complexity;
import qihu.events.OwnerLevel;
import qihu.events.SlaColour;
import qihu.support.outbox.OutboxEntry;

/**
 * One round of handling a case by one department. Its id is the case id plus the round, so a redelivered event
 * cannot create a second task for the same round.
 *
 * @param dueAt null while the calendar of the deadline's year is not loaded ({@code deadlinePending})
 * @param slaColour the deadline's traffic light
 * @param slaNextAt when the colour changes next (or the next escalation is due); null once resolved or undated
 * @param slaBreaches escalations so far
 * @param assignment 1 for the first department of the round, +1 for each return or transfer; also the version that
 *     every transition checks, so two concurrent transitions cannot both apply
 * @param returnedBy departments that returned the task; routing passes over them
 */
@Document(Task.COLLECTION)
@CompoundIndex(name = "department_queue", def = "{'departmentId': 1, 'status': 1}")
public record Task(
        @Id String taskId,
        @Indexed String caseId,
        String caseNumber,
        String correlationId,
        int round,
        TaskStatus status,
        String title,
        String content,
        String board,
        Complexity complexity,
        String departmentId,
        String departmentName,
        String regionCode,
        OwnerLevel level,
        int workingDays,
        Instant startedAt,
        Instant dueAt,
        boolean deadlinePending,
        SlaColour slaColour,
        @Indexed Instant slaNextAt,
        int slaBreaches,
        int assignment,
        List<String> returnedBy,
        String claimedBy,
        String reply,
        Instant resolvedAt,
        List<HistoryEntry> history,
        List<OutboxEntry> outbox,
        @Indexed Instant outboxSince) {

    public static final String COLLECTION = "tasks";

    public static String idOf(String caseId, int round) {
        return caseId + "-r" + round;
    }

    /** Who did what to the task, when and why. */
    public record HistoryEntry(Instant at, String action, String by, String note) {}
}

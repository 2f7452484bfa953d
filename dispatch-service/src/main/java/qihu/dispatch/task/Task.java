package qihu.dispatch.task;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.dispatch.sla.SlaBudget;
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
 * @param extensionDays working days added by approved extensions (延期)
 * @param pausedDays working days the clock was stopped by finished pauses (暂停计时)
 * @param deadlineMoves how often the deadline moved (a pause ended, an extension was approved); part of the SLA events'
 *     ids, so that a colour or escalation after a move is a new event and not a copy of an earlier one
 * @param pausedAt when the running pause began; null when the clock runs
 * @param extension the pending extension request, at most one; null when none is pending
 * @param assistants departments assisting (协办) the lead department, which is {@code departmentId}
 * @param assistingDepartments the assistants' department ids, for the scoped queries
 * @param assistingRegions the assistants' region codes, for the scoped queries
 * @param opinions what assisting departments said
 * @param claimDueAt when the task goes to the fallback board (兜底) if nobody has claimed it; null once claimed
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
        @Indexed Instant outboxSince,
        int extensionDays,
        int pausedDays,
        int deadlineMoves,
        Instant pausedAt,
        ExtensionRequest extension,
        List<Assistant> assistants,
        List<String> assistingDepartments,
        List<String> assistingRegions,
        List<Opinion> opinions,
        @Indexed Instant claimDueAt) {

    public static final String COLLECTION = "tasks";

    public static String idOf(String caseId, int round) {
        return caseId + "-r" + round;
    }

    public Task {
        returnedBy = returnedBy == null ? List.of() : returnedBy;
        assistants = assistants == null ? List.of() : assistants;
        assistingDepartments = assistingDepartments == null ? List.of() : assistingDepartments;
        assistingRegions = assistingRegions == null ? List.of() : assistingRegions;
        opinions = opinions == null ? List.of() : opinions;
        history = history == null ? List.of() : history;
    }

    /** The working-day budget as it stands, with extensions and finished pauses. */
    public SlaBudget budget() {
        return new SlaBudget(workingDays, extensionDays, pausedDays);
    }

    /** Who did what to the task, when and why. */
    public record HistoryEntry(Instant at, String action, String by, String note) {}

    /** A pending request for more working days (申请延期). */
    public record ExtensionRequest(int workingDays, String reason, String requestedBy, Instant requestedAt) {}

    /** A department assisting the lead (协办单位). */
    public record Assistant(
            String departmentId,
            String departmentName,
            String regionCode,
            String addedBy,
            Instant addedAt,
            String reason) {}

    /** An assisting department's opinion (协办意见). */
    public record Opinion(String departmentId, String by, Instant at, String text) {}
}

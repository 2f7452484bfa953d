package qihu.events;

import java.time.Instant;

/**
 * A notice to people about a task's deadline is due now: within working hours, at the {@code noticeAt} of the SLA
 * event that caused it (timers fire at night and on holidays; notices wait). Whoever delivers notices (SMS, 浙政钉, the
 * handlers' app) sends it on receipt. Its id is derived from the causing event's, so it is sent once.
 *
 * @param recipientRegionCode the region whose people are told: the task's for a warning, the supervising one for an
 *     escalation
 * @param recipientDepartmentId the department whose handlers are told; null when the region's supervisors are
 * @param firedAt when the timer fired (the SLA event's time)
 * @param causeEventId the id of the sla.warning-raised or sla.escalated event this notice is about
 */
public record NoticeSent(
        String caseId,
        String taskId,
        int round,
        NoticeKind kind,
        String recipientRegionCode,
        String recipientDepartmentId,
        Instant dueAt,
        Instant firedAt,
        Instant noticeAt,
        String causeEventId)
        implements CaseEvent {}

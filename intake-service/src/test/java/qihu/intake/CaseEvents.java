package qihu.intake;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventMother;
import qihu.events.EventPayload;
import qihu.events.EventType;
import qihu.events.FeedbackRequested;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskClaimed;
import qihu.events.TaskResolved;

/** What triage, dispatch and evaluation publish about the case opened for one request intake accepted. */
public final class CaseEvents {

    public static final String DEPARTMENT = "义乌市企业综合服务中心";
    public static final Instant DUE_AT = Instant.parse("2026-11-25T15:59:59Z");
    public static final String REPLY = "已协调消防救援大队于11月24日完成现场验收，验收意见书已寄出。";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant AT = Instant.parse("2026-11-20T01:30:00Z");

    private final String requestId;
    private final String caseId;
    private final String caseNumber;

    private CaseEvents(String requestId) {
        this.requestId = requestId;
        this.caseId = requestId.replaceFirst("^req-", "case-");
        this.caseNumber = "QH20261120-" + String.format("%06d", SEQUENCE.incrementAndGet());
    }

    /** The case triage opens for the request {@code requestId} (its master request). */
    public static CaseEvents caseOf(String requestId) {
        return new CaseEvents(requestId);
    }

    public String caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public EventEnvelope<CaseOpened> opened() {
        CaseOpened sample = EventMother.caseOpened();
        return event(
                EventIds.of(EventType.CASE_OPENED, caseId),
                new CaseOpened(
                        caseId,
                        caseNumber,
                        requestId,
                        "hotline-12345",
                        sample.enterprise(),
                        sample.regionCode(),
                        sample.title(),
                        sample.content(),
                        sample.classification(),
                        AT));
    }

    public EventEnvelope<RequestMerged> merged(String mergedRequestId, String channel) {
        return event(
                EventIds.of(EventType.REQUEST_MERGED, mergedRequestId),
                new RequestMerged(caseId, caseNumber, mergedRequestId, channel, 1.0, "exact duplicate"));
    }

    public EventEnvelope<TaskAssigned> assigned() {
        return event(
                EventIds.of(EventType.TASK_ASSIGNED, taskId()),
                new TaskAssigned(
                        caseId, taskId(), 1, "330782-esc", DEPARTMENT, "330782", OwnerLevel.COUNTY, 3, DUE_AT));
    }

    public EventEnvelope<TaskClaimed> claimed() {
        return event(
                EventIds.of(EventType.TASK_CLAIMED, taskId()),
                new TaskClaimed(caseId, taskId(), 1, "330782-esc", "handler-li"));
    }

    public EventEnvelope<TaskResolved> resolved() {
        return event(
                EventIds.of(EventType.TASK_RESOLVED, taskId()),
                new TaskResolved(
                        caseId,
                        taskId(),
                        1,
                        "330782-esc",
                        "handler-li",
                        REPLY,
                        Instant.parse("2026-11-24T08:00:00Z"),
                        DUE_AT,
                        true));
    }

    public static final String RATING_LINK = "http://localhost:18084/api/v1/cases/case-x/feedback?token=abc.def";

    /** Evaluation's request for a rating, with its signed link. */
    public EventEnvelope<FeedbackRequested> ratingAsked() {
        return event(
                EventIds.of(EventType.FEEDBACK_REQUESTED, caseId, 1),
                new FeedbackRequested(caseId, 1, RATING_LINK, "abc.def", Instant.parse("2026-12-01T15:59:59Z")));
    }

    public EventEnvelope<CaseClosed> closed() {
        return event(
                EventIds.of(EventType.CASE_CLOSED, caseId, 1),
                new CaseClosed(caseId, 1, CloseReason.RATED, Rating.SATISFIED, Instant.parse("2026-11-26T02:00:00Z")));
    }

    private String taskId() {
        return caseId + "-r1";
    }

    private <P extends EventPayload> EventEnvelope<P> event(String eventId, P payload) {
        return EventEnvelope.of(eventId, AT, requestId, payload);
    }
}

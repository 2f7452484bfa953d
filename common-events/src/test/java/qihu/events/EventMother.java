package qihu.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Realistic sample events of every type, for contract tests here and in the services. */
public final class EventMother {

    public static final Instant RECEIVED_AT = Instant.parse("2026-02-13T02:15:00Z");
    public static final Instant DUE_AT = Instant.parse("2026-02-26T15:59:59Z");
    public static final Enterprise ENTERPRISE = new Enterprise("91330782MA2D7QF513", "义乌市鸿达小商品有限公司");

    private EventMother() {}

    public static RequestReceived requestReceived() {
        return new RequestReceived(
                "req-7f3a9c",
                "hotline-12345",
                "HL20260213-00042",
                ENTERPRISE,
                "330782",
                "厂房消防验收迟迟未办结",
                "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。",
                new Contact("王经理", "13905791234"),
                List.of(new Attachment("申请回执.jpg", "https://files.12345.example/HL20260213-00042/1.jpg")),
                RECEIVED_AT);
    }

    public static CaseOpened caseOpened() {
        RequestReceived request = requestReceived();
        return new CaseOpened(
                "case-7f3a9c",
                "QH20260213-000042",
                request.requestId(),
                request.channel(),
                request.enterprise(),
                request.regionCode(),
                request.title(),
                request.content(),
                new Classification("PROJECT", Complexity.GENERAL, OwnerLevel.COUNTY, 0.5),
                RECEIVED_AT);
    }

    /** One sample payload per event type. */
    public static Map<EventType, EventPayload> samples() {
        String caseId = "case-7f3a9c";
        String taskId = caseId + "-r1";
        return Map.ofEntries(
                Map.entry(EventType.REQUEST_RECEIVED, requestReceived()),
                Map.entry(EventType.CASE_OPENED, caseOpened().withLinks(List.of("case-5d21e0"), "case-1b9e77")),
                Map.entry(
                        EventType.REQUEST_MERGED,
                        new RequestMerged(
                                caseId,
                                "QH20260213-000042",
                                "req-81bb20",
                                "zheliban",
                                1.0,
                                "same enterprise, same normalised text")),
                Map.entry(
                        EventType.TASK_ASSIGNED,
                        new TaskAssigned(
                                caseId, taskId, 1, "330782-fire", "义乌市消防救援大队", "330782", OwnerLevel.COUNTY, 3, DUE_AT)),
                Map.entry(EventType.TASK_CLAIMED, new TaskClaimed(caseId, taskId, 1, "330782-fire", "handler-li")),
                Map.entry(
                        EventType.TASK_RETURNED,
                        new TaskReturned(caseId, taskId, 1, "330782-fire", "handler-li", "非本部门职责，应由住建局办理")),
                Map.entry(
                        EventType.TASK_RESOLVED,
                        new TaskResolved(
                                caseId,
                                taskId,
                                1,
                                "330782-fire",
                                "handler-li",
                                "已于2月25日完成现场验收，验收意见书已寄出。",
                                Instant.parse("2026-02-25T08:00:00Z"),
                                DUE_AT,
                                true)),
                Map.entry(
                        EventType.TASK_PAUSED,
                        new TaskPaused(caseId, taskId, 1, "330782-fire", "handler-li", "等待企业补充消防设计图纸")),
                Map.entry(
                        EventType.TASK_RESUMED,
                        new TaskResumed(
                                caseId, taskId, 1, "330782-fire", "handler-li", 2, DUE_AT.plusSeconds(2 * 86400))),
                Map.entry(
                        EventType.TASK_EXTENSION_REQUESTED,
                        new TaskExtensionRequested(caseId, taskId, 1, "330782-fire", "handler-li", 2, "需省级部门会商")),
                Map.entry(
                        EventType.TASK_EXTENSION_APPROVED,
                        new TaskExtensionApproved(
                                caseId, taskId, 1, "330782-fire", "yiwu.supervisor", 2, DUE_AT.plusSeconds(2 * 86400))),
                Map.entry(
                        EventType.TASK_EXTENSION_REFUSED,
                        new TaskExtensionRefused(caseId, taskId, 1, "330782-fire", "yiwu.supervisor", 2, "时限内可办结")),
                Map.entry(
                        EventType.TASK_CLAIM_TIMED_OUT,
                        new TaskClaimTimedOut(
                                caseId, taskId, 1, "330782-fire", Instant.parse("2026-02-13T06:15:00Z"), "330782-esc")),
                Map.entry(
                        EventType.TASK_ASSISTANTS_ADDED,
                        new TaskAssistantsAdded(
                                caseId, taskId, 1, "330782-fire", "handler-li", List.of("330782-drb"), "涉及项目审批")),
                Map.entry(
                        EventType.TASK_OPINION_GIVEN,
                        new TaskOpinionGiven(caseId, taskId, 1, "330782-drb", "handler-zhao", "项目备案已完成，可直接验收")),
                Map.entry(
                        EventType.SLA_WARNING_RAISED,
                        new SlaWarningRaised(
                                caseId, taskId, 1, SlaColour.YELLOW, DUE_AT, Instant.parse("2026-02-26T00:30:00Z"))),
                Map.entry(
                        EventType.SLA_ESCALATED,
                        new SlaEscalated(
                                caseId, taskId, 1, 1, "330700", DUE_AT, Instant.parse("2026-02-27T00:30:00Z"))),
                Map.entry(
                        EventType.NOTICE_SENT,
                        new NoticeSent(
                                caseId,
                                taskId,
                                1,
                                NoticeKind.ESCALATION,
                                "330700",
                                null,
                                DUE_AT,
                                Instant.parse("2026-02-26T18:00:00Z"),
                                Instant.parse("2026-03-02T00:30:00Z"),
                                "5f0c1e8a-2b7d-3c9e-8a41-6d2f0b9c7e13")),
                Map.entry(
                        EventType.FEEDBACK_REQUESTED,
                        new FeedbackRequested(
                                caseId,
                                1,
                                "https://qihu.example/api/v1/cases/case-7f3a9c/feedback?token=Y2FzZS03ZjNhOWN8MXwxNzcyNDE.c2ln",
                                "Y2FzZS03ZjNhOWN8MXwxNzcyNDE.c2ln",
                                Instant.parse("2026-03-04T15:59:59Z"))),
                Map.entry(
                        EventType.FEEDBACK_RECORDED,
                        new FeedbackRecorded(caseId, 1, Rating.SATISFIED, "办理及时，感谢", "hotline-12345")),
                Map.entry(EventType.CASE_REOPENED, new CaseReopened(caseId, 2, "验收意见书未收到", false)),
                Map.entry(
                        EventType.CASE_CLOSED,
                        new CaseClosed(
                                caseId, 1, CloseReason.RATED, Rating.SATISFIED, Instant.parse("2026-02-27T01:00:00Z"))),
                Map.entry(
                        EventType.REPORT_PUBLISHED,
                        new ReportPublished(
                                "report-2026-W09",
                                "WEEKLY",
                                LocalDate.parse("2026-02-23"),
                                LocalDate.parse("2026-03-01"),
                                List.of("html", "xlsx", "json"))));
    }

    public static <P extends EventPayload> EventEnvelope<P> envelope(P payload) {
        return EventEnvelope.of(
                EventIds.of(EventType.of(payload), payload.partitionKey()),
                Instant.parse("2026-02-13T02:15:01Z"),
                "req-7f3a9c",
                payload);
    }
}

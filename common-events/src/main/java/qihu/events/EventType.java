package qihu.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event the system knows: its name on the wire, payload record, current schema version and topic. */
public enum EventType {
    REQUEST_RECEIVED("request.received", RequestReceived.class, Topics.REQUEST_RECEIVED),
    CASE_OPENED("case.opened", CaseOpened.class, Topics.CASE_TRIAGED),
    REQUEST_MERGED("request.merged", RequestMerged.class, Topics.CASE_TRIAGED),
    TASK_ASSIGNED("task.assigned", TaskAssigned.class, Topics.CASE_LIFECYCLE),
    TASK_CLAIMED("task.claimed", TaskClaimed.class, Topics.CASE_LIFECYCLE),
    TASK_RETURNED("task.returned", TaskReturned.class, Topics.CASE_LIFECYCLE),
    TASK_RESOLVED("task.resolved", TaskResolved.class, Topics.CASE_LIFECYCLE),
    TASK_PAUSED("task.paused", TaskPaused.class, Topics.CASE_LIFECYCLE),
    TASK_RESUMED("task.resumed", TaskResumed.class, Topics.CASE_LIFECYCLE),
    TASK_EXTENSION_REQUESTED("task.extension-requested", TaskExtensionRequested.class, Topics.CASE_LIFECYCLE),
    TASK_EXTENSION_APPROVED("task.extension-approved", TaskExtensionApproved.class, Topics.CASE_LIFECYCLE),
    TASK_EXTENSION_REFUSED("task.extension-refused", TaskExtensionRefused.class, Topics.CASE_LIFECYCLE),
    TASK_CLAIM_TIMED_OUT("task.claim-timed-out", TaskClaimTimedOut.class, Topics.CASE_LIFECYCLE),
    TASK_ASSISTANTS_ADDED("task.assistants-added", TaskAssistantsAdded.class, Topics.CASE_LIFECYCLE),
    TASK_OPINION_GIVEN("task.opinion-given", TaskOpinionGiven.class, Topics.CASE_LIFECYCLE),
    SLA_WARNING_RAISED("sla.warning-raised", SlaWarningRaised.class, Topics.CASE_LIFECYCLE),
    SLA_ESCALATED("sla.escalated", SlaEscalated.class, Topics.CASE_LIFECYCLE),
    NOTICE_SENT("notice.sent", NoticeSent.class, Topics.CASE_LIFECYCLE),
    FEEDBACK_REQUESTED("feedback.requested", FeedbackRequested.class, Topics.CASE_LIFECYCLE),
    FEEDBACK_RECORDED("feedback.recorded", FeedbackRecorded.class, Topics.CASE_LIFECYCLE),
    CASE_REOPENED("case.reopened", CaseReopened.class, Topics.CASE_LIFECYCLE),
    CASE_CLOSED("case.closed", CaseClosed.class, Topics.CASE_LIFECYCLE),
    REPORT_PUBLISHED("report.published", ReportPublished.class, Topics.REPORT_PUBLISHED);

    /** A breaking change to a payload is a new version here and a new schema file; additions are not breaking. */
    private static final int CURRENT_SCHEMA_VERSION = 1;

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final String wireName;
    private final Class<? extends EventPayload> payloadType;
    private final String topic;

    EventType(String wireName, Class<? extends EventPayload> payloadType, String topic) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public String topic() {
        return topic;
    }

    public int schemaVersion() {
        return CURRENT_SCHEMA_VERSION;
    }

    /** Classpath location of this event's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + wireName + ".v" + schemaVersion() + ".schema.json";
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static EventType of(EventPayload payload) {
        return BY_PAYLOAD.get(payload.getClass());
    }
}

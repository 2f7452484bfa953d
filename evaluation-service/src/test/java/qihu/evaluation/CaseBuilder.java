package qihu.evaluation;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.events.CaseOpened;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventMother;
import qihu.events.EventType;
import qihu.events.RequestMerged;
import qihu.events.TaskResolved;

/** The events triage and dispatch send about one case, built from EventMother's sample case. */
public final class CaseBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant OPENED_AT = Instant.parse("2026-11-20T01:30:00Z");

    private final String caseId;
    private final String requestId;
    private final String caseNumber;

    private CaseBuilder(String label) {
        int n = SEQUENCE.incrementAndGet();
        String unique = label + "-" + n + "-" + System.nanoTime();
        this.caseId = "case-" + unique;
        this.requestId = "req-" + unique;
        this.caseNumber = "QH20261120-" + String.format("%06d", n);
    }

    /** A case with a fresh id starting with {@code label}: topics keep the events of earlier tests. */
    public static CaseBuilder aCase(String label) {
        return new CaseBuilder(label);
    }

    public String caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    /** The master request's id, which correlates everything about the case. */
    public String correlationId() {
        return requestId;
    }

    public EventEnvelope<CaseOpened> opened() {
        CaseOpened sample = EventMother.caseOpened();
        CaseOpened opened = new CaseOpened(
                caseId,
                caseNumber,
                requestId,
                sample.channel(),
                sample.enterprise(),
                sample.regionCode(),
                sample.title(),
                sample.content(),
                sample.classification(),
                OPENED_AT);
        return EventEnvelope.of(EventIds.of(EventType.CASE_OPENED, caseId), OPENED_AT, requestId, opened);
    }

    public EventEnvelope<RequestMerged> merged(String mergedRequestId, String channel) {
        return EventEnvelope.of(
                EventIds.of(EventType.REQUEST_MERGED, mergedRequestId),
                OPENED_AT.plusSeconds(3600),
                mergedRequestId,
                new RequestMerged(caseId, caseNumber, mergedRequestId, channel, 1.0, "exact duplicate"));
    }

    /** The token of a signed rating link, as the enterprise's browser would send it. */
    public static String tokenOf(String ratingLink) {
        return ratingLink.substring(ratingLink.indexOf("token=") + "token=".length());
    }

    /** The token of the rating link evaluation stored for the case's current round. */
    public static String storedToken(ReactiveMongoTemplate mongo, String caseId) {
        return tokenOf(mongo.findById(caseId, EvaluatedCase.class).block().ratingLink());
    }

    /** The department's answer of one round. */
    public EventEnvelope<TaskResolved> resolved(int round) {
        String taskId = caseId + "-r" + round;
        Instant resolvedAt = OPENED_AT.plusSeconds(86_400L * round);
        return EventEnvelope.of(
                EventIds.of(EventType.TASK_RESOLVED, taskId),
                resolvedAt,
                requestId,
                new TaskResolved(
                        caseId,
                        taskId,
                        round,
                        "330782-esc",
                        "handler-li",
                        "第" + round + "轮答复：已协调消防救援大队完成验收。",
                        resolvedAt,
                        Instant.parse("2026-12-31T15:59:59Z"),
                        true));
    }
}

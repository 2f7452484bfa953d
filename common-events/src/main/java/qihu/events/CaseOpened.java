package qihu.events;

import java.time.Instant;

/** Triage opened a new case (办件) for a request that is not a duplicate of an open case. */
public record CaseOpened(
        String caseId,
        String caseNumber,
        String requestId,
        String channel,
        Enterprise enterprise,
        String regionCode,
        String title,
        String content,
        Classification classification,
        Instant receivedAt)
        implements CaseEvent {}

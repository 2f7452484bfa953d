package qihu.events;

import java.time.Instant;

/** The case is closed (办结归档) after a satisfied rating or when no rating came in time. */
public record CaseClosed(String caseId, int round, CloseReason reason, Rating rating, Instant closedAt)
        implements CaseEvent {}

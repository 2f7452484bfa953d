package qihu.dispatch.sla;

import java.time.Instant;
import qihu.events.SlaColour;

/**
 * Where a task stands against its deadline at a given time: its colour and when the timer fires next. A red position
 * right after the deadline moved has no escalation yet: its next point is the (passed) deadline, so the poller
 * escalates at once, as for any deadline just breached.
 */
public record SlaPosition(SlaColour colour, Instant nextAt) {}

package qihu.evaluation.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import qihu.events.CaseClosed;
import qihu.events.CaseEvent;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.events.FeedbackRecorded;
import qihu.events.RequestMerged;
import qihu.events.SlaColour;
import qihu.events.SlaWarningRaised;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;

/**
 * What the leaders' dashboard shows, folded from the event log in the order the events happened: each case's place in
 * its lifecycle and the deadline's colour of its current round, and every request received (merged duplicates too).
 * Events it does not know are passed over, so new kinds of events do not break it. Kept live ({@link #accept}), it is
 * read while holding its lock.
 */
final class DashboardFacts implements Consumer<EventEnvelope<?>> {

    /** Where a case is: handled by a department, waiting for the enterprise's rating, or closed. */
    enum Stage {
        HANDLING,
        AWAITING_FEEDBACK,
        CLOSED
    }

    /** One case as the dashboard knows it. */
    static final class LiveCase {
        final String caseId;
        String caseNumber;
        String title;
        String channel;
        String regionCode;
        String board;
        /** The credit code, or the name where the channel sent none: who raised it. */
        String enterprise;

        Instant receivedAt;
        int round = 1;
        SlaColour colour = SlaColour.GREEN;
        Instant dueAt;
        String departmentName;
        Stage stage = Stage.HANDLING;
        final List<Instant> resolvedAt = new ArrayList<>();
        Instant closedAt;
        int ratings;
        int satisfied;

        LiveCase(String caseId) {
            this.caseId = caseId;
        }

        boolean opened() {
            return receivedAt != null;
        }
    }

    /** A request that reached the pool: a new case, or one merged into an open case. */
    record Received(String caseId, String channel, Instant at) {}

    final Map<String, LiveCase> cases = new LinkedHashMap<>();
    final List<Received> received = new ArrayList<>();

    static DashboardFacts fold(Collection<EventEnvelope<?>> events) {
        DashboardFacts facts = new DashboardFacts();
        events.forEach(facts::apply);
        return facts;
    }

    @Override
    public synchronized void accept(EventEnvelope<?> event) {
        apply(event);
    }

    void apply(EventEnvelope<?> event) {
        if (!(event.payload() instanceof CaseEvent caseEvent)) {
            return;
        }
        LiveCase c = cases.computeIfAbsent(caseEvent.caseId(), LiveCase::new);
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            c.caseNumber = opened.caseNumber();
            c.title = opened.title();
            c.channel = opened.channel();
            c.regionCode = opened.regionCode();
            c.board = opened.classification() == null
                    ? null
                    : opened.classification().board();
            c.receivedAt = opened.receivedAt();
            if (opened.enterprise() != null) {
                c.enterprise = opened.enterprise().identified()
                        ? opened.enterprise().uscc()
                        : opened.enterprise().name();
            }
            received.add(new Received(c.caseId, opened.channel(), opened.receivedAt()));
        } else if (payload instanceof RequestMerged merged) {
            received.add(new Received(c.caseId, merged.channel(), event.occurredAt()));
        } else if (payload instanceof TaskAssigned assigned && assigned.round() >= c.round) {
            c.round = assigned.round();
            c.dueAt = assigned.dueAt();
            c.departmentName = assigned.departmentName();
            c.colour = SlaColour.GREEN;
            c.stage = Stage.HANDLING;
        } else if (payload instanceof SlaWarningRaised warning && warning.round() == c.round) {
            c.colour = warning.colour();
        } else if (payload instanceof TaskResolved resolved) {
            c.resolvedAt.add(resolved.resolvedAt());
            if (resolved.round() == c.round && c.stage == Stage.HANDLING) {
                c.stage = Stage.AWAITING_FEEDBACK;
            }
        } else if (payload instanceof FeedbackRecorded feedback) {
            c.ratings++;
            if (feedback.rating().satisfied()) {
                c.satisfied++;
            }
        } else if (payload instanceof CaseReopened reopened) {
            c.round = reopened.round();
            c.colour = SlaColour.GREEN;
            c.dueAt = null;
            c.stage = Stage.HANDLING;
        } else if (payload instanceof CaseClosed closed) {
            c.stage = Stage.CLOSED;
            c.closedAt = closed.closedAt();
        }
    }

    /** The opened cases, in the order they were first seen. */
    List<LiveCase> openedCases() {
        return cases.values().stream().filter(LiveCase::opened).toList();
    }

    /** Overdue means red, or past the deadline before the deadline's timer said so. */
    static boolean overdue(LiveCase c, Instant now) {
        return c.stage == Stage.HANDLING && (c.colour == SlaColour.RED || (c.dueAt != null && c.dueAt.isBefore(now)));
    }

    /** The colour a handled case shows now: red once past its deadline, whatever the last event said. */
    static SlaColour colourNow(LiveCase c, Instant now) {
        return overdue(c, now) ? SlaColour.RED : c.colour;
    }
}

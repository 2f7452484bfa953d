package qihu.deploy.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.EventEnvelope;
import qihu.events.RequestMerged;
import qihu.events.SlaWarningRaised;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;
import qihu.events.TaskReturned;

/**
 * What the events of a run said, for its audit: which case each request became (or was merged into), every task
 * assigned, returned, resolved and closed, every SLA warning — each fact by the distinct event ids that stated it, so
 * that a fact stated twice (a doubled case, a second warning) shows.
 */
final class Trails {

    /** What a case's requests and events look like after the run. */
    static final class CaseTrail {
        final String caseId;
        final Set<String> requestIds = ConcurrentHashMap.newKeySet();
        /** round → distinct TaskAssigned event ids (one per round, plus one per return or transfer). */
        final Map<Integer, Set<String>> assignments = new ConcurrentHashMap<>();
        /** round → distinct TaskReturned event ids. */
        final Map<Integer, Set<String>> returns = new ConcurrentHashMap<>();
        /** TaskResolved event ids. */
        final Set<String> resolutions = ConcurrentHashMap.newKeySet();

        final Set<String> closures = ConcurrentHashMap.newKeySet();

        CaseTrail(String caseId) {
            this.caseId = caseId;
        }
    }

    /** requestId → distinct "opened:caseId" / "merged:caseId" outcomes, by event id. */
    private final Map<String, Map<String, String>> outcomes = new ConcurrentHashMap<>();

    private final Map<String, CaseTrail> cases = new ConcurrentHashMap<>();
    /** "taskId/colour" → distinct SlaWarningRaised event ids. */
    private final Map<String, Set<String>> warnings = new ConcurrentHashMap<>();

    void note(EventEnvelope<?> event) {
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            outcome(opened.requestId(), event.eventId(), "opened:" + opened.caseId());
            trail(opened.caseId()).requestIds.add(opened.requestId());
        } else if (payload instanceof RequestMerged merged) {
            outcome(merged.requestId(), event.eventId(), "merged:" + merged.caseId());
            trail(merged.caseId()).requestIds.add(merged.requestId());
        } else if (payload instanceof TaskAssigned assigned) {
            trail(assigned.caseId())
                    .assignments
                    .computeIfAbsent(assigned.round(), r -> ConcurrentHashMap.newKeySet())
                    .add(event.eventId());
        } else if (payload instanceof TaskReturned returned) {
            trail(returned.caseId())
                    .returns
                    .computeIfAbsent(returned.round(), r -> ConcurrentHashMap.newKeySet())
                    .add(event.eventId());
        } else if (payload instanceof TaskResolved resolved) {
            trail(resolved.caseId()).resolutions.add(event.eventId());
        } else if (payload instanceof CaseClosed closed) {
            trail(closed.caseId()).closures.add(event.eventId());
        } else if (payload instanceof SlaWarningRaised warning) {
            warnings.computeIfAbsent(warning.taskId() + "/" + warning.colour(), k -> ConcurrentHashMap.newKeySet())
                    .add(event.eventId());
        }
    }

    private void outcome(String requestId, String eventId, String outcome) {
        outcomes.computeIfAbsent(requestId, r -> new ConcurrentHashMap<>()).put(eventId, outcome);
    }

    private CaseTrail trail(String caseId) {
        return cases.computeIfAbsent(caseId, CaseTrail::new);
    }

    Map<String, Map<String, String>> outcomes() {
        return outcomes;
    }

    Map<String, CaseTrail> cases() {
        return cases;
    }

    Map<String, Set<String>> warnings() {
        return warnings;
    }
}

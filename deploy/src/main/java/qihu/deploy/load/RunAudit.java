package qihu.deploy.load;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * After a run: did every accepted request come out exactly once at every step? Read from the services' stores and
 * from what the {@link LifecycleWatcher} ({@link Trails}) saw on the topics. Each check counts what it expected, what it found, and the
 * differences: lost (expected, not found) and doubled (stated more than once).
 */
final class RunAudit {

    /** One line of the audit. */
    record Check(String what, long expected, long found, long lost, long doubled, List<String> examples) {
        boolean passed() {
            return lost == 0 && doubled == 0;
        }
    }

    /** The audit's lines, plus what is accounted for but still under way (e.g. waiting for a person). */
    record Result(List<Check> checks, Map<String, Long> notes) {
        boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    private static final int IN_BATCH = 1_000;
    private static final int EXAMPLES = 5;

    private final MongoClient mongo;
    private final Trails trails;
    /** taskId → SLA colour as dispatch stored it, for the tasks of the run. */
    private final Map<String, String> colours = new HashMap<>();

    RunAudit(MongoClient mongo, Trails trails) {
        this.mongo = mongo;
        this.trails = trails;
    }

    Result audit(Set<String> acceptedRequestIds) {
        List<Check> checks = new ArrayList<>();
        Map<String, Long> notes = new LinkedHashMap<>();
        checks.add(requestsStored(acceptedRequestIds));
        Set<String> heldForPeople = heldForManualTriage(acceptedRequestIds);
        notes.put("requests waiting in the manual triage queue (accounted for, no case yet)", (long)
                heldForPeople.size());
        checks.add(oneOutcomePerRequest(acceptedRequestIds, heldForPeople));
        checks.add(oneTaskPerRound());
        checks.add(tasksStored());
        checks.add(oneEventPerWarning());
        checks.add(answersToEveryRequestOfClosedCases(notes));
        return new Result(checks, notes);
    }

    /** Every 202 is in intake's store. */
    private Check requestsStored(Set<String> accepted) {
        Set<String> found = existingIds(database("qihu_intake"), "requests", accepted);
        List<String> lost = new ArrayList<>(accepted);
        lost.removeAll(found);
        return new Check(
                "accepted requests stored by intake", accepted.size(), found.size(), lost.size(), 0, first(lost));
    }

    /** How many of these requests wait unpublished for a person (人工分拨). */
    long heldForPeople(Set<String> accepted) {
        return heldForManualTriage(accepted).size();
    }

    /** Requests held unpublished for a person (人工分拨): triage's AWAITING_TRIAGE cases. */
    private Set<String> heldForManualTriage(Set<String> accepted) {
        Set<String> held = new HashSet<>();
        for (Document waiting : database("qihu_triage")
                .getCollection("cases")
                .find(eq("state", "AWAITING_TRIAGE"))
                .projection(include("requests.requestId"))) {
            for (Document member : waiting.getList("requests", Document.class, List.of())) {
                String requestId = member.getString("requestId");
                if (accepted.contains(requestId)) {
                    held.add(requestId);
                }
            }
        }
        return held;
    }

    /** Each accepted request opened exactly one case or was merged into exactly one. */
    private Check oneOutcomePerRequest(Set<String> accepted, Set<String> heldForPeople) {
        Map<String, Map<String, String>> outcomes = trails.outcomes();
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        long found = 0;
        for (String requestId : accepted) {
            Map<String, String> byEvent = outcomes.getOrDefault(requestId, Map.of());
            if (byEvent.isEmpty()) {
                if (!heldForPeople.contains(requestId)) {
                    lost.add(requestId);
                }
            } else {
                found++;
                if (byEvent.size() > 1) {
                    doubled.add(requestId + " " + byEvent.values());
                }
            }
        }
        List<String> examples = new ArrayList<>(first(lost));
        examples.addAll(first(doubled));
        return new Check(
                "requests that opened or joined exactly one case (case.opened / request.merged)",
                accepted.size() - heldForPeople.size(),
                found,
                lost.size(),
                doubled.size(),
                examples);
    }

    /** Each round of each case was assigned once, plus once more per return. */
    private Check oneTaskPerRound() {
        long expected = 0;
        long found = 0;
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (Trails.CaseTrail trail : trails.cases().values()) {
            if (trail.requestIds.isEmpty()) {
                continue; // a case of an earlier run, seen only by its later events
            }
            Set<Integer> rounds = new HashSet<>(trail.assignments.keySet());
            rounds.add(1);
            for (int round : rounds) {
                int returns = trail.returns.getOrDefault(round, Set.of()).size();
                int assignments =
                        trail.assignments.getOrDefault(round, Set.of()).size();
                expected += 1 + returns;
                found += assignments;
                if (assignments < 1 + returns) {
                    lost.add(trail.caseId + " round " + round);
                } else if (assignments > 1 + returns) {
                    doubled.add(trail.caseId + " round " + round + ": " + assignments + " assignments");
                }
            }
        }
        List<String> examples = new ArrayList<>(first(lost));
        examples.addAll(first(doubled));
        return new Check(
                "task assignments: one per case and round, plus one per return (task.assigned)",
                expected,
                found,
                lost.size(),
                doubled.size(),
                examples);
    }

    /** Every assigned round's task is in dispatch's store, with its SLA timer armed (a deadline). */
    private Check tasksStored() {
        Set<String> expected = new HashSet<>();
        for (Trails.CaseTrail trail : trails.cases().values()) {
            if (!trail.requestIds.isEmpty()) {
                trail.assignments.keySet().forEach(round -> expected.add(trail.caseId + "-r" + round));
            }
        }
        List<String> unarmed = new ArrayList<>();
        Set<String> found = new HashSet<>();
        forEachBatch(expected, batch -> {
            for (Document task : database("qihu_dispatch")
                    .getCollection("tasks")
                    .find(in("_id", batch))
                    .projection(include("_id", "dueAt", "deadlinePending", "slaColour"))) {
                found.add(task.getString("_id"));
                colours.put(task.getString("_id"), task.getString("slaColour"));
                if (task.get("dueAt") == null && !Boolean.TRUE.equals(task.getBoolean("deadlinePending"))) {
                    unarmed.add(task.getString("_id"));
                }
            }
        });
        List<String> lost = new ArrayList<>(expected);
        lost.removeAll(found);
        lost.addAll(unarmed);
        return new Check(
                "tasks stored by dispatch with a deadline (timer armed)",
                expected.size(),
                found.size() - unarmed.size(),
                lost.size(),
                0,
                first(lost));
    }

    /**
     * Every task that dispatch has turned yellow or red raised that warning, and no warning was raised twice (must run
     * after {@link #tasksStored}, which reads the colours).
     */
    private Check oneEventPerWarning() {
        Set<String> expected = new HashSet<>();
        colours.forEach((taskId, colour) -> {
            if ("YELLOW".equals(colour) || "RED".equals(colour)) {
                expected.add(taskId + "/" + colour);
            }
        });
        List<String> lost = new ArrayList<>();
        for (String warning : expected) {
            if (!trails.warnings().containsKey(warning)) {
                lost.add(warning);
            }
        }
        List<String> doubled = new ArrayList<>();
        trails.warnings().forEach((warning, eventIds) -> {
            if (eventIds.size() > 1) {
                doubled.add(warning + ": " + eventIds.size() + " events");
            }
        });
        List<String> examples = new ArrayList<>(first(lost));
        examples.addAll(first(doubled));
        return new Check(
                "SLA warnings: one event per task turned yellow or red (sla.warning-raised)",
                expected.size(),
                expected.size() - lost.size(),
                lost.size(),
                doubled.size(),
                examples);
    }

    /**
     * Every request of every closed case was answered exactly once about the closure, through its own channel
     * (intake's delivery records, delivered).
     */
    private Check answersToEveryRequestOfClosedCases(Map<String, Long> notes) {
        Map<String, String> closureOfCase = new HashMap<>();
        Map<String, Set<String>> requestsOfCase = new HashMap<>();
        for (Trails.CaseTrail trail : trails.cases().values()) {
            if (!trail.requestIds.isEmpty() && !trail.closures.isEmpty()) {
                closureOfCase.put(trail.caseId, trail.closures.iterator().next());
                requestsOfCase.put(trail.caseId, Set.copyOf(trail.requestIds));
            }
        }
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, Long> states = new HashMap<>();
        forEachBatch(new HashSet<>(closureOfCase.values()), batch -> {
            for (Document answer : database("qihu_intake")
                    .getCollection("callbacks")
                    .find(in("eventId", batch))
                    .projection(include("requestId", "eventId", "state"))) {
                deliveries.merge(answer.getString("requestId") + "@" + answer.getString("eventId"), 1, Integer::sum);
                states.merge(answer.getString("state"), 1L, Long::sum);
            }
        });
        states.forEach((state, count) -> notes.put("answers about closures, " + state, count));
        long expected = 0;
        long found = 0;
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (Map.Entry<String, String> closure : closureOfCase.entrySet()) {
            for (String requestId : requestsOfCase.get(closure.getKey())) {
                expected++;
                int count = deliveries.getOrDefault(requestId + "@" + closure.getValue(), 0);
                if (count == 0) {
                    lost.add(requestId + " of " + closure.getKey());
                } else {
                    found++;
                    if (count > 1) {
                        doubled.add(requestId + " of " + closure.getKey() + ": " + count);
                    }
                }
            }
        }
        List<String> examples = new ArrayList<>(first(lost));
        examples.addAll(first(doubled));
        return new Check(
                "answers about the closure: one per request of each closed case (intake callbacks)",
                expected,
                found,
                lost.size(),
                doubled.size(),
                examples);
    }

    private MongoDatabase database(String name) {
        return mongo.getDatabase(name);
    }

    private static Set<String> existingIds(MongoDatabase db, String collection, Set<String> ids) {
        Set<String> found = new HashSet<>();
        forEachBatch(ids, batch -> {
            for (Document doc :
                    db.getCollection(collection).find(in("_id", batch)).projection(include("_id"))) {
                found.add(doc.getString("_id"));
            }
        });
        return found;
    }

    private static void forEachBatch(Set<String> ids, java.util.function.Consumer<List<String>> action) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            action.accept(all.subList(from, Math.min(all.size(), from + IN_BATCH)));
        }
    }

    private static List<String> first(List<String> items) {
        return items.subList(0, Math.min(EXAMPLES, items.size()));
    }
}

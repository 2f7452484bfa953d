package qihu.dispatch.sla;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.events.SlaColour;
import reactor.core.publisher.Mono;

/**
 * How many running (assigned or claimed) tasks are of each colour, kept in one small document ({@value #COLLECTION},
 * {@code _id} {@value #OPEN}, a field per colour) instead of counted over all tasks: every write that changes a task's
 * status or colour adds its difference ({@code $inc}) once the task's own update applied, so a redelivered event whose
 * update does not apply counts nothing. A crash between a task's update and its count leaves the counts one off until
 * the document is removed (then counted afresh from the tasks, once).
 */
@Component
public class OpenTaskCounts {

    public static final String COLLECTION = "task_counts";
    static final String OPEN = "open";
    private static final List<TaskStatus> RUNNING = List.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED);

    private final ReactiveMongoTemplate mongo;

    public OpenTaskCounts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A task's place as the counts see it: running in a colour, or not counted (colour null). */
    public record Place(SlaColour colour) {

        public static final Place NOT_RUNNING = new Place(null);

        public static Place of(TaskStatus status, SlaColour colour) {
            return RUNNING.contains(status) ? new Place(colour == null ? SlaColour.GREEN : colour) : NOT_RUNNING;
        }

        public static Place of(Task task) {
            return of(task.status(), task.slaColour());
        }

        /** Where {@code task} is once {@code update} applied, from the status and colour it sets. */
        public static Place after(Task task, Update update) {
            Document set = update.getUpdateObject().get("$set", Document.class);
            if (set == null) {
                return of(task);
            }
            TaskStatus status = set.containsKey("status") ? (TaskStatus) set.get("status") : task.status();
            SlaColour colour = set.containsKey("slaColour") ? (SlaColour) set.get("slaColour") : task.slaColour();
            return of(status, colour);
        }
    }

    /** Counts {@code tasks} tasks moved from {@code before} to {@code after}; nothing when they stay counted alike. */
    public Mono<Void> moved(Place before, Place after, long tasks) {
        if (before.equals(after) || tasks == 0) {
            return Mono.empty();
        }
        Update update = new Update();
        if (before.colour() != null) {
            update.inc(before.colour().name(), -tasks);
        }
        if (after.colour() != null) {
            update.inc(after.colour().name(), tasks);
        }
        return mongo.upsert(query(where("_id").is(OPEN)), update, COLLECTION).then();
    }

    /** The counts, read by key; counted from the tasks once (a scan) when the document is missing. */
    public Mono<Map<SlaColour, Long>> read() {
        return mongo.findById(OPEN, Document.class, COLLECTION)
                .switchIfEmpty(Mono.defer(this::countFromTasks))
                .map(OpenTaskCounts::byColour);
    }

    private Mono<Document> countFromTasks() {
        return mongo.aggregate(
                        newAggregation(
                                match(where("status").in(RUNNING)),
                                group("slaColour").count().as("tasks")),
                        Task.COLLECTION,
                        Document.class)
                .filter(row -> row.get("_id") != null)
                .reduce(
                        new Document("_id", OPEN),
                        (counts, row) -> counts.append(row.getString("_id"), ((Number) row.get("tasks")).longValue()))
                .flatMap(counts -> mongo.insert(counts, COLLECTION))
                // Counted by a writer meanwhile: its document stands.
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findById(OPEN, Document.class, COLLECTION));
    }

    private static Map<SlaColour, Long> byColour(Document counts) {
        Map<SlaColour, Long> byColour = new EnumMap<>(SlaColour.class);
        for (SlaColour colour : SlaColour.values()) {
            Number count = (Number) counts.get(colour.name());
            byColour.put(colour, count == null ? 0L : count.longValue());
        }
        return byColour;
    }
}

package qihu.dispatch.sla;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.events.SlaColour;
import qihu.support.scheduling.PeriodicTask;
import reactor.core.publisher.Mono;

/** Counts the running tasks by colour every {@code qihu.dispatch.sla.open-task-count-interval} for {@link SlaMeters}. */
@Component
public class OpenTaskCount extends PeriodicTask {

    public OpenTaskCount(ReactiveMongoTemplate mongo, SlaMeters meters, SlaProperties properties) {
        super(
                "open task count",
                properties.openTaskCountInterval(),
                () -> count(mongo).doOnNext(meters::openTasks));
    }

    static Mono<Map<SlaColour, Long>> count(ReactiveMongoTemplate mongo) {
        return mongo.aggregate(
                        newAggregation(
                                match(where("status").in(List.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED))),
                                group("slaColour").count().as("tasks")),
                        Task.COLLECTION,
                        Document.class)
                .filter(row -> row.get("_id") != null)
                .collectMap(
                        row -> SlaColour.valueOf(row.getString("_id")),
                        row -> ((Number) row.get("tasks")).longValue(),
                        () -> new EnumMap<>(SlaColour.class));
    }
}

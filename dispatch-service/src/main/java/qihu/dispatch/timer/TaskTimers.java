package qihu.dispatch.timer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import qihu.dispatch.task.Task;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tasks' durable timers: SLA points in {@value #SLA}, claim timeouts in {@value #CLAIMS}, and the notices waiting
 * for working hours in {@value #NOTICES}, each in {@link TimerBuckets} by due minute.
 */
@Component
public class TaskTimers {

    public static final String SLA = "sla_timers";
    public static final String CLAIMS = "claim_timers";
    public static final String NOTICES = "notice_timers";

    private final TimerBuckets sla;
    private final TimerBuckets claims;
    private final TimerBuckets notices;
    private final TimerLease lease;
    private final Clock clock;
    private final ReactiveMongoTemplate mongo;
    private final Duration settle;

    public TaskTimers(ReactiveMongoTemplate mongo, TimerProperties properties, Clock clock) {
        this.sla = new TimerBuckets(mongo, SLA, properties.shards(), properties.fireConcurrency());
        this.claims = new TimerBuckets(mongo, CLAIMS, properties.shards(), properties.fireConcurrency());
        this.notices = new TimerBuckets(mongo, NOTICES, properties.shards(), properties.fireConcurrency());
        this.lease = new TimerLease(mongo, clock, properties.lease());
        this.clock = clock;
        this.mongo = mongo;
        this.settle = properties.settle();
    }

    /**
     * Due timers sorted out against their tasks: the tasks due now with their timers (several stale timers may point
     * at one due task), and the timers to drop because they no longer match a due task and are settled.
     */
    public record DueTasks(Map<String, Task> tasks, Map<String, List<TimerEntry>> timersOf, List<TimerEntry> stale) {}

    /**
     * Reads the tasks of {@code timers} (one query on {@code _id}) and sorts the timers out.
     *
     * @param pointOf the task's point this kind of timer is for (null when it has none, or is not running)
     */
    public Mono<DueTasks> dueTasks(List<TimerEntry> timers, Instant now, Function<Task, Instant> pointOf) {
        Set<String> taskIds = timers.stream().map(TimerEntry::key).collect(Collectors.toSet());
        return mongo.find(query(where("_id").in(taskIds)), Task.class)
                .collectMap(Task::taskId)
                .map(tasks -> {
                    Map<String, Task> due = new LinkedHashMap<>();
                    Map<String, List<TimerEntry>> timersOf = new HashMap<>();
                    List<TimerEntry> stale = new ArrayList<>();
                    for (TimerEntry timer : timers) {
                        Task task = tasks.get(timer.key());
                        Instant point = task == null ? null : pointOf.apply(task);
                        if (point != null && !point.isAfter(now)) {
                            due.put(task.taskId(), task);
                            timersOf.computeIfAbsent(task.taskId(), id -> new ArrayList<>())
                                    .add(timer);
                        } else if (!timer.armedAt().isAfter(now.minus(settle))) {
                            // Not just armed, so its task's update is not on its way: moved, cancelled or done.
                            stale.add(timer);
                        }
                    }
                    return new DueTasks(due, timersOf, stale);
                });
    }

    public TimerBuckets sla() {
        return sla;
    }

    public TimerBuckets claims() {
        return claims;
    }

    public TimerBuckets notices() {
        return notices;
    }

    public TimerLease lease() {
        return lease;
    }

    /** Arms what {@code changes} arms; to be done before the task's update. */
    public Mono<Void> arm(TimerChanges changes) {
        List<TimerChanges.Change> arms = changes.arms;
        return Flux.fromIterable(List.of(TimerChanges.Kind.values()))
                .concatMap(kind -> buckets(kind)
                        .armAll(arms.stream()
                                .filter(c -> c.kind() == kind)
                                .map(c -> TimerEntry.of(c.taskId(), c.at(), clock.instant()))
                                .toList()))
                .then();
    }

    /** Cancels what {@code changes} cancels; after the task's update. A cancel that fails is dropped on reading. */
    public Mono<Void> cancel(TimerChanges changes) {
        return Flux.fromIterable(changes.cancels)
                .concatMap(c -> buckets(c.kind()).cancel(c.taskId(), c.at()))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    private TimerBuckets buckets(TimerChanges.Kind kind) {
        return kind == TimerChanges.Kind.SLA ? sla : claims;
    }
}

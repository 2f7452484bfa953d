package qihu.dispatch.task;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.dispatch.routing.Assignment;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.RoutingProperties;
import qihu.dispatch.task.Task.HistoryEntry;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerBuckets.Drained;
import qihu.dispatch.timer.TimerChanges;
import qihu.dispatch.timer.TimerEntry;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.TaskClaimTimedOut;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The claim timer (兜底): a task nobody claimed by its {@code claimDueAt} goes to the department serving the fallback
 * board, from the task's region upwards, passing over the department that did not claim it (a county's 企业综合服务中心
 * for a township's task; the city's for a county centre's). Durable like the SLA timers: the timer waits in the
 * {@code claim_timers} buckets of its minute, and firing is one conditional update matched on the very assignment and
 * claim time it fired for, which hands the task over, arms the next claim timer and appends its events, so it happens
 * once whatever the number of pollers, and a point missed while down fires at the next poll.
 */
@Service
public class ClaimTimeouts {

    private static final Logger log = LoggerFactory.getLogger(ClaimTimeouts.class);

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final TaskService tasks;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingProperties routing;
    private final Clock clock;
    private final TaskTimers timers;

    public ClaimTimeouts(
            ReactiveMongoTemplate mongo,
            Directory directory,
            TaskService tasks,
            Outbox outbox,
            OutboxRelay relay,
            RoutingProperties routing,
            Clock clock,
            TaskTimers timers) {
        this.mongo = mongo;
        this.directory = directory;
        this.tasks = tasks;
        this.outbox = outbox;
        this.relay = relay;
        this.routing = routing;
        this.clock = clock;
        this.timers = timers;
    }

    /** Hands over every task whose claim fell due at {@code now}, {@code chunk} at a time; emits how many moved. */
    public Mono<Long> fireDue(Instant now, int chunk) {
        return timers.lease().run("claim-timers", () -> timers.claims().drain(now, chunk, due -> fire(due, now)), 0L);
    }

    private Mono<Drained> fire(List<TimerEntry> timers, Instant now) {
        return this.timers
                .dueTasks(timers, now, task -> task.status() == TaskStatus.ASSIGNED ? task.claimDueAt() : null)
                .flatMap(due -> {
                    List<TimerEntry> done = new ArrayList<>(due.stale());
                    return Flux.fromIterable(due.tasks().keySet())
                            .concatMap(taskId -> fire(due.tasks().get(taskId))
                                    .thenReturn(taskId)
                                    .onErrorResume(e -> {
                                        log.warn(
                                                "claim timer of task {} failed, retried next poll: {}",
                                                taskId,
                                                e.toString());
                                        return Mono.empty();
                                    }))
                            .collectList()
                            .map(handled -> {
                                handled.forEach(
                                        taskId -> done.addAll(due.timersOf().get(taskId)));
                                return new Drained(done, handled.size());
                            });
                });
    }

    private Mono<Task> fire(Task task) {
        Set<String> excluded = new HashSet<>(task.returnedBy());
        excluded.add(task.departmentId());
        Optional<Assignment> fallback = directory.route(task.regionCode(), routing.fallbackBoard(), excluded);
        Instant now = clock.instant();
        Update update;
        TimerChanges changes = new TimerChanges();
        if (fallback.isEmpty()) {
            // Already with the last fallback department up the tree: it stays there, without a claim timer.
            log.warn(
                    "task {} not claimed in time, and no fallback department above {}",
                    task.taskId(),
                    task.departmentId());
            update = new Update().unset("claimDueAt");
        } else {
            Assignment to = fallback.get();
            update = tasks.reassign(
                    changes,
                    new Update()
                            .push(
                                    "history",
                                    new HistoryEntry(
                                            now,
                                            "CLAIM_TIMED_OUT",
                                            "claim-timer",
                                            "not claimed by " + task.claimDueAt() + "; fallback (兜底): "
                                                    + to.department().name())),
                    task,
                    to);
            outbox.append(
                    update,
                    EventEnvelope.of(
                            EventIds.of(EventType.TASK_CLAIM_TIMED_OUT, task.taskId(), task.assignment()),
                            now,
                            task.correlationId(),
                            new TaskClaimTimedOut(
                                    task.caseId(),
                                    task.taskId(),
                                    task.round(),
                                    task.departmentId(),
                                    task.claimDueAt(),
                                    to.department().id())),
                    tasks.reassigned(task, to));
        }
        return timers.arm(changes)
                .then(relay.note(Task.COLLECTION, task.taskId()))
                .then(mongo.updateFirst(
                        query(where("_id")
                                .is(task.taskId())
                                .and("status")
                                .is(TaskStatus.ASSIGNED)
                                .and("assignment")
                                .is(task.assignment())
                                .and("claimDueAt")
                                .is(task.claimDueAt())),
                        update,
                        Task.class))
                // A handled timer: whether the task moved now or had moved on, this timer is done.
                .filter(result -> result.getModifiedCount() == 1)
                .doOnNext(r -> log.info(
                        "task {} not claimed in time: {}",
                        task.taskId(),
                        fallback.map(a -> "now with " + a.department().id()).orElse("stays")))
                .flatMap(r -> relay.relay(Task.COLLECTION, task.taskId()).thenReturn(task))
                .defaultIfEmpty(task);
    }
}

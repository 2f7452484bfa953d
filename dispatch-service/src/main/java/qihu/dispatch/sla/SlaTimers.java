package qihu.dispatch.sla;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.Region;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.Task.HistoryEntry;
import qihu.dispatch.task.TaskStatus;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.SlaColour;
import qihu.events.SlaEscalated;
import qihu.events.SlaWarningRaised;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import reactor.core.publisher.Mono;

/**
 * Durable SLA timers. A task carries its next colour change in {@code slaNextAt}; firing it is one conditional update
 * of the task (matched on the exact {@code slaNextAt} and colour it fired for) that moves the colour, arms the next
 * point and appends the events. So a crash can never separate firing from marking, a second poller instance can never
 * fire the same point twice (its update matches nothing), and nothing is lost: a point that fell due while the
 * service was down fires at the next poll.
 */
@Service
public class SlaTimers {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);
    private static final List<TaskStatus> RUNNING = List.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED);

    private final ReactiveMongoTemplate mongo;
    private final SlaSchedule schedule;
    private final Directory directory;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SlaMeters meters;

    public SlaTimers(
            ReactiveMongoTemplate mongo,
            SlaSchedule schedule,
            Directory directory,
            Outbox outbox,
            OutboxRelay relay,
            Clock clock,
            SlaMeters meters) {
        this.mongo = mongo;
        this.schedule = schedule;
        this.directory = directory;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /** Fires every timer due at {@code now}, at most {@code batch} of them; emits how many fired. */
    public Mono<Long> fireDue(Instant now, int batch) {
        return mongo.find(
                        query(where("slaNextAt").lte(now).and("status").in(RUNNING))
                                .with(Sort.by("slaNextAt"))
                                .limit(batch),
                        Task.class)
                .concatMap(task -> fire(task).onErrorResume(e -> {
                    log.warn("SLA timer of task {} failed, retried next poll: {}", task.taskId(), e.toString());
                    return Mono.empty();
                }))
                .count();
    }

    private Mono<Task> fire(Task task) {
        Instant now = clock.instant();
        List<EventEnvelope<?>> events = new ArrayList<>();
        Update update = new Update();
        String note;
        switch (task.slaColour()) {
            case GREEN -> {
                events.add(colourChange(task, SlaColour.YELLOW));
                update.set("slaColour", SlaColour.YELLOW).set("slaNextAt", task.dueAt());
                note = "deadline near";
            }
            case YELLOW -> {
                events.add(colourChange(task, SlaColour.RED));
                events.add(escalation(task, 1));
                update.set("slaColour", SlaColour.RED)
                        .set("slaBreaches", 1)
                        .set("slaNextAt", schedule.breachAt(task.startedAt(), task.workingDays(), 2));
                note = "overdue, escalated";
            }
            default -> {
                int breach = task.slaBreaches() + 1;
                events.add(escalation(task, breach));
                update.set("slaBreaches", breach)
                        .set("slaNextAt", schedule.breachAt(task.startedAt(), task.workingDays(), breach + 1));
                note = "still overdue, escalated again (" + breach + ")";
            }
        }
        update.push("history", new HistoryEntry(now, "SLA", "sla-timer", note));
        outbox.append(update, events.toArray(EventEnvelope<?>[]::new));
        return mongo.updateFirst(
                        query(where("_id")
                                .is(task.taskId())
                                .and("slaNextAt")
                                .is(task.slaNextAt())
                                .and("slaColour")
                                .is(task.slaColour())
                                .and("status")
                                .in(RUNNING)),
                        update,
                        Task.class)
                .filter(result -> result.getModifiedCount() == 1)
                .doOnNext(r -> count(events))
                .doOnNext(r -> log.info("task {}: {}", task.taskId(), note))
                .flatMap(r -> relay.relay(Task.COLLECTION, task.taskId()).thenReturn(task));
    }

    private void count(List<EventEnvelope<?>> fired) {
        for (EventEnvelope<?> event : fired) {
            if (event.payload() instanceof SlaWarningRaised warning) {
                meters.turned(warning.colour());
            } else if (event.payload() instanceof SlaEscalated) {
                meters.escalated();
            }
        }
    }

    private EventEnvelope<SlaWarningRaised> colourChange(Task task, SlaColour colour) {
        return EventEnvelope.of(
                EventIds.of(EventType.SLA_WARNING_RAISED, task.taskId(), colour),
                clock.instant(),
                task.correlationId(),
                new SlaWarningRaised(task.caseId(), task.taskId(), task.round(), colour, task.dueAt()));
    }

    private EventEnvelope<SlaEscalated> escalation(Task task, int breach) {
        return EventEnvelope.of(
                EventIds.of(EventType.SLA_ESCALATED, task.taskId(), breach),
                clock.instant(),
                task.correlationId(),
                new SlaEscalated(
                        task.caseId(),
                        task.taskId(),
                        task.round(),
                        breach,
                        supervisingRegion(task.regionCode(), breach),
                        task.dueAt()));
    }

    /** 督办 goes one level up per breach: township → county → city, and stays at the top. */
    private String supervisingRegion(String regionCode, int levelsUp) {
        String code = regionCode;
        for (int i = 0; i < levelsUp; i++) {
            String parent = directory.region(code).map(Region::parent).orElse(null);
            if (parent == null) {
                break;
            }
            code = parent;
        }
        return code;
    }
}

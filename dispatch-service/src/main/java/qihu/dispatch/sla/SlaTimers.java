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
import qihu.calendar.CalendarNotLoadedException;
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
    private final WorkingHours workingHours;

    public SlaTimers(
            ReactiveMongoTemplate mongo,
            SlaSchedule schedule,
            Directory directory,
            Outbox outbox,
            OutboxRelay relay,
            Clock clock,
            SlaMeters meters,
            WorkingHours workingHours) {
        this.mongo = mongo;
        this.schedule = schedule;
        this.directory = directory;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
        this.workingHours = workingHours;
    }

    /**
     * What a moved deadline (a pause ended, an extension was approved) changes on a running task: the deadline, the
     * colour and the next point from {@link SlaSchedule#positionAt}, breaches counted afresh; a colour change is an
     * event. A deadline whose year is not loaded stays pending.
     *
     * @param task the task before the move, with {@code deadlineMoves} not yet counted up
     */
    public DeadlineMove moveDeadline(Task task, SlaBudget budget, Instant now) {
        int moves = task.deadlineMoves() + 1;
        Update update = new Update().set("deadlineMoves", moves);
        Instant dueAt;
        SlaPosition position;
        try {
            dueAt = schedule.dueAt(task.startedAt(), budget);
            position = schedule.positionAt(task.startedAt(), budget, now);
        } catch (CalendarNotLoadedException e) {
            log.warn("task {} keeps a pending deadline: {}", task.taskId(), e.getMessage());
            update.unset("dueAt").unset("slaNextAt").set("deadlinePending", true);
            return new DeadlineMove(update, List.of(), null);
        }
        update.set("dueAt", dueAt)
                .set("deadlinePending", false)
                .set("slaColour", position.colour())
                .set("slaNextAt", position.nextAt())
                .set("slaBreaches", 0);
        SlaColour before = task.slaColour() == null ? SlaColour.GREEN : task.slaColour();
        if (position.colour() == before) {
            return new DeadlineMove(update, List.of(), dueAt);
        }
        return new DeadlineMove(update, List.of(colourChange(task, moves, dueAt, position.colour(), now)), dueAt);
    }

    /** The update and events of a moved deadline; {@code dueAt} null while pending. */
    public record DeadlineMove(Update update, List<EventEnvelope<?>> events, Instant dueAt) {}

    /** Counts colour changes and escalations once their update applied. */
    public void count(List<EventEnvelope<?>> fired) {
        for (EventEnvelope<?> event : fired) {
            if (event.payload() instanceof SlaWarningRaised warning) {
                meters.turned(warning.colour());
            } else if (event.payload() instanceof SlaEscalated) {
                meters.escalated();
            }
        }
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
                events.add(colourChange(task, SlaColour.YELLOW, task.slaNextAt()));
                update.set("slaColour", SlaColour.YELLOW).set("slaNextAt", task.dueAt());
                note = "deadline near";
            }
            case YELLOW -> {
                events.add(colourChange(task, SlaColour.RED, task.slaNextAt()));
                events.add(escalation(task, 1));
                update.set("slaColour", SlaColour.RED)
                        .set("slaBreaches", 1)
                        .set("slaNextAt", schedule.breachAt(task.startedAt(), task.budget(), 2));
                note = "overdue, escalated";
            }
            default -> {
                int breach = task.slaBreaches() + 1;
                events.add(escalation(task, breach));
                update.set("slaBreaches", breach)
                        .set("slaNextAt", schedule.breachAt(task.startedAt(), task.budget(), breach + 1));
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

    /**
     * @param at when the colour changed: notices to people wait for the next working hour after it
     */
    private EventEnvelope<SlaWarningRaised> colourChange(Task task, SlaColour colour, Instant at) {
        return colourChange(task, task.deadlineMoves(), task.dueAt(), colour, at);
    }

    private EventEnvelope<SlaWarningRaised> colourChange(
            Task task, int deadlineMoves, Instant dueAt, SlaColour colour, Instant at) {
        return EventEnvelope.of(
                eventId(EventType.SLA_WARNING_RAISED, task.taskId(), deadlineMoves, colour),
                clock.instant(),
                task.correlationId(),
                new SlaWarningRaised(
                        task.caseId(), task.taskId(), task.round(), colour, dueAt, workingHours.noticeAt(at)));
    }

    private EventEnvelope<SlaEscalated> escalation(Task task, int breach) {
        return EventEnvelope.of(
                eventId(EventType.SLA_ESCALATED, task.taskId(), task.deadlineMoves(), breach),
                clock.instant(),
                task.correlationId(),
                new SlaEscalated(
                        task.caseId(),
                        task.taskId(),
                        task.round(),
                        breach,
                        supervisingRegion(task.regionCode(), breach),
                        task.dueAt(),
                        workingHours.noticeAt(task.slaNextAt())));
    }

    /** The task and what fired; after a moved deadline also how often it moved, so that it is a new event. */
    private static String eventId(EventType type, String taskId, int deadlineMoves, Object fired) {
        return deadlineMoves == 0
                ? EventIds.of(type, taskId, fired)
                : EventIds.of(type, taskId, fired, "moved", deadlineMoves);
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

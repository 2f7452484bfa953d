package qihu.dispatch.sla;

import static java.util.stream.Collectors.toList;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.calendar.CalendarNotLoadedException;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.Region;
import qihu.dispatch.sla.OpenTaskCounts.Place;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.Task.HistoryEntry;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.timer.BulkPublisher;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerBuckets.Drained;
import qihu.dispatch.timer.TimerEntry;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.SlaColour;
import qihu.events.SlaEscalated;
import qihu.events.SlaWarningRaised;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Durable SLA timers. A task carries its next colour change in {@code slaNextAt}, and a timer for it waits in the
 * {@code sla_timers} buckets of its due minute ({@link TaskTimers}), so a poll reads only what is due, never all armed
 * timers. The poller (one active runner, under a lease) fires a chunk of due tasks at a time: it publishes their events
 * (deterministic ids), arms their next points and notices, then marks each task with one conditional update matched
 * on the exact {@code slaNextAt}, colour and status it fired for. A crash between publishing and marking fires the
 * same events again, with the same ids, which consumers drop; a point that fell due while the service was down fires
 * at the next poll.
 */
@Service
public class SlaTimers {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);
    private static final List<TaskStatus> RUNNING = List.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED);
    private static final String MARK_INDEX = "sla_timer_mark";

    private final ReactiveMongoTemplate mongo;
    private final SlaSchedule schedule;
    private final Directory directory;
    private final Clock clock;
    private final SlaMeters meters;
    private final WorkingHours workingHours;
    private final TaskTimers taskTimers;
    private final SlaNotices slaNotices;
    private final BulkPublisher bulk;
    private final EventCodec codec;
    private final OpenTaskCounts openTasks;
    private final Mono<Void> markIndex;

    public SlaTimers(
            ReactiveMongoTemplate mongo,
            SlaSchedule schedule,
            Directory directory,
            Clock clock,
            SlaMeters meters,
            WorkingHours workingHours,
            TaskTimers taskTimers,
            SlaNotices slaNotices,
            BulkPublisher bulk,
            EventCodec codec,
            OpenTaskCounts openTasks) {
        this.mongo = mongo;
        this.schedule = schedule;
        this.directory = directory;
        this.clock = clock;
        this.meters = meters;
        this.workingHours = workingHours;
        this.taskTimers = taskTimers;
        this.slaNotices = slaNotices;
        this.bulk = bulk;
        this.codec = codec;
        this.openTasks = openTasks;
        // The embedded store uses an index only for a query on exactly its keys: the mark's.
        this.markIndex = mongo.indexOps(Task.class)
                .createIndex(new Index()
                        .on("_id", Sort.Direction.ASC)
                        .on("slaNextAt", Sort.Direction.ASC)
                        .on("slaColour", Sort.Direction.ASC)
                        .on("status", Sort.Direction.ASC)
                        .unique()
                        .named(MARK_INDEX))
                .then()
                .cache(
                        ready -> Duration.ofMillis(Long.MAX_VALUE),
                        failed -> Duration.ZERO,
                        () -> Duration.ofMillis(Long.MAX_VALUE));
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
            return new DeadlineMove(update, List.of(), null, null);
        }
        update.set("dueAt", dueAt)
                .set("deadlinePending", false)
                .set("slaColour", position.colour())
                .set("slaNextAt", position.nextAt())
                .set("slaBreaches", 0);
        SlaColour before = task.slaColour() == null ? SlaColour.GREEN : task.slaColour();
        if (position.colour() == before) {
            return new DeadlineMove(update, List.of(), dueAt, position.nextAt());
        }
        return new DeadlineMove(
                update, List.of(colourChange(task, moves, dueAt, position.colour(), now)), dueAt, position.nextAt());
    }

    /** The update and events of a moved deadline; {@code dueAt} and {@code nextAt} null while pending. */
    public record DeadlineMove(Update update, List<EventEnvelope<?>> events, Instant dueAt, Instant nextAt) {}

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

    /**
     * Fires every timer due at {@code now}, {@code chunk} tasks at a time, unless another poller is running; emits how
     * many fired.
     */
    public Mono<Long> fireDue(Instant now, int chunk) {
        return taskTimers
                .lease()
                .run("sla-timers", () -> markIndex.then(taskTimers.sla().drain(now, chunk, due -> fire(due, now))), 0L);
    }

    /** A due task's colour change or escalation, ready to publish and mark. */
    private record Firing(Task task, Update update, List<EventEnvelope<?>> events, Instant nextAt, String note) {}

    private Mono<Drained> fire(List<TimerEntry> timers, Instant now) {
        return taskTimers
                .dueTasks(timers, now, task -> RUNNING.contains(task.status()) ? task.slaNextAt() : null)
                .flatMap(due -> {
                    List<TimerEntry> done = new ArrayList<>(due.stale());
                    List<Firing> firings = due.tasks().values().stream()
                            .map(this::firing)
                            .filter(Objects::nonNull)
                            .toList();
                    return bulk.publishAll(firings, this::encoded)
                            .flatMap(published -> armNext(published, now)
                                    .then(mark(published))
                                    .thenReturn(published))
                            .map(published -> {
                                published.forEach(f ->
                                        done.addAll(due.timersOf().get(f.task().taskId())));
                                return new Drained(done, published.size());
                            });
                });
    }

    private List<BulkPublisher.Outgoing> encoded(Firing firing) {
        return firing.events().stream()
                .map(e -> new BulkPublisher.Outgoing(e.eventType(), e.topic(), e.key(), codec.encodeToString(e)))
                .toList();
    }

    /** Arms the next points and the notices of what was published, before the tasks are marked. */
    private Mono<Void> armNext(List<Firing> published, Instant now) {
        List<TimerEntry> next = new ArrayList<>();
        List<TimerEntry> notices = new ArrayList<>();
        for (Firing firing : published) {
            if (firing.nextAt() != null) {
                next.add(TimerEntry.of(firing.task().taskId(), firing.nextAt(), now));
            }
            notices.addAll(slaNotices.noticesOf(firing.task(), firing.events(), now));
        }
        return taskTimers.sla().armAll(next).then(taskTimers.notices().armAll(notices));
    }

    /**
     * Marks the fired tasks, each matched on the very point it fired for (answered by the {@value #MARK_INDEX} index);
     * a task that moved meanwhile is left as it is. One bulk write per colour fired from, so that its count of
     * modified tasks is what moves between the open-task counts.
     */
    private Mono<Void> mark(List<Firing> published) {
        if (published.isEmpty()) {
            return Mono.empty();
        }
        Map<SlaColour, List<Firing>> byColour = published.stream()
                .collect(Collectors.groupingBy(
                        f -> f.task().slaColour(), () -> new EnumMap<>(SlaColour.class), toList()));
        return Flux.fromIterable(byColour.values())
                .concatMap(this::markAlike)
                .reduce(0L, Long::sum)
                .doOnNext(marked -> {
                    published.forEach(f -> count(f.events()));
                    log.info("SLA timers fired for {} task(s), {} marked", published.size(), marked);
                })
                .then();
    }

    /** Marks tasks fired from the same colour, and moves the ones marked to the colour they turned. */
    private Mono<Long> markAlike(List<Firing> firings) {
        var marks = mongo.bulkOps(BulkMode.UNORDERED, Task.class);
        for (Firing firing : firings) {
            Task task = firing.task();
            marks.updateOne(
                    query(where("_id")
                            .is(task.taskId())
                            .and("slaNextAt")
                            .is(task.slaNextAt())
                            .and("slaColour")
                            .is(task.slaColour())
                            .and("status")
                            .is(task.status())),
                    firing.update());
        }
        Firing first = firings.get(0);
        return marks.execute()
                .flatMap(result -> openTasks
                        .moved(
                                Place.of(first.task()),
                                Place.after(first.task(), first.update()),
                                result.getModifiedCount())
                        .thenReturn((long) result.getModifiedCount()));
    }

    /** Null (and tried again next poll) when the next point lies beyond the loaded calendar years. */
    private Firing firing(Task task) {
        try {
            return firingOf(task);
        } catch (CalendarNotLoadedException e) {
            log.warn("SLA timer of task {} waits for the calendar: {}", task.taskId(), e.getMessage());
            return null;
        }
    }

    private Firing firingOf(Task task) {
        Instant now = clock.instant();
        List<EventEnvelope<?>> events = new ArrayList<>();
        Update update = new Update();
        String note;
        Instant nextAt;
        switch (task.slaColour()) {
            case GREEN -> {
                events.add(colourChange(task, SlaColour.YELLOW, task.slaNextAt()));
                nextAt = task.dueAt();
                update.set("slaColour", SlaColour.YELLOW).set("slaNextAt", nextAt);
                note = "deadline near";
            }
            case YELLOW -> {
                events.add(colourChange(task, SlaColour.RED, task.slaNextAt()));
                events.add(escalation(task, 1));
                nextAt = schedule.breachAt(task.startedAt(), task.budget(), 2);
                update.set("slaColour", SlaColour.RED).set("slaBreaches", 1).set("slaNextAt", nextAt);
                note = "overdue, escalated";
            }
            default -> {
                int breach = task.slaBreaches() + 1;
                events.add(escalation(task, breach));
                nextAt = schedule.breachAt(task.startedAt(), task.budget(), breach + 1);
                update.set("slaBreaches", breach).set("slaNextAt", nextAt);
                note = "still overdue, escalated again (" + breach + ")";
            }
        }
        update.push("history", new HistoryEntry(now, "SLA", "sla-timer", note));
        return new Firing(task, update, events, nextAt, note);
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

package qihu.dispatch.task;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.calendar.CalendarNotLoadedException;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.Action;
import qihu.dispatch.access.NotPermittedException;
import qihu.dispatch.routing.Assignment;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.RoutingProperties;
import qihu.dispatch.sla.SlaPolicy;
import qihu.dispatch.sla.SlaSchedule;
import qihu.dispatch.task.Task.HistoryEntry;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.Complexity;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventPayload;
import qihu.events.EventType;
import qihu.events.SlaColour;
import qihu.events.TaskAssigned;
import qihu.events.TaskClaimed;
import qihu.events.TaskResolved;
import qihu.events.TaskReturned;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import qihu.support.web.ConflictException;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Mono;

/**
 * Creates a task for each round of a case and moves it through claim and resolve. Each transition is one conditional
 * update of the task document that also appends its event, so a transition happens once and is published once.
 */
@Service
public class TaskService {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final SlaPolicy sla;
    private final SlaSchedule schedule;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingProperties routing;
    private final Clock clock;

    public TaskService(
            ReactiveMongoTemplate mongo,
            Directory directory,
            SlaPolicy sla,
            SlaSchedule schedule,
            Outbox outbox,
            OutboxRelay relay,
            RoutingProperties routing,
            Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.sla = sla;
        this.schedule = schedule;
        this.outbox = outbox;
        this.relay = relay;
        this.routing = routing;
        this.clock = clock;
    }

    /** What a new round's task is made from, before its deadline is computed. */
    private record TaskDraft(
            String caseId,
            String caseNumber,
            int round,
            String title,
            String content,
            String board,
            Complexity complexity,
            Assignment assignment,
            Instant startedAt) {}

    /** The first round: route by region and board, start the clock at the request's receipt. */
    public Mono<Void> assign(EventEnvelope<CaseOpened> event) {
        CaseOpened opened = event.payload();
        return create(
                event,
                new TaskDraft(
                        opened.caseId(),
                        opened.caseNumber(),
                        1,
                        opened.title(),
                        opened.content(),
                        opened.classification().board(),
                        opened.classification().complexity(),
                        route(opened.regionCode(), opened.classification().board()),
                        opened.receivedAt()));
    }

    /** A further round (重办) after an unsatisfied rating: the same department, or one level up when escalated. */
    public Mono<Void> reopen(EventEnvelope<CaseReopened> event) {
        CaseReopened reopened = event.payload();
        return mongo.findById(Task.idOf(reopened.caseId(), reopened.round() - 1), Task.class)
                .switchIfEmpty(Mono.error(new IllegalStateException("case " + reopened.caseId() + " reopened for round "
                        + reopened.round() + " but dispatch has no task of round " + (reopened.round() - 1))))
                .flatMap(previous -> create(
                        event,
                        new TaskDraft(
                                previous.caseId(),
                                previous.caseNumber(),
                                reopened.round(),
                                previous.title(),
                                previous.content(),
                                previous.board(),
                                previous.complexity(),
                                reopened.escalate()
                                        ? routeAbove(previous.regionCode(), previous.board())
                                        : route(previous.regionCode(), previous.board()),
                                event.occurredAt())));
    }

    /** 签收: {@code who} takes the task on; they are recorded as its handler. */
    public Mono<Task> claim(String taskId, Access who) {
        String handler = who.who();
        return transition(taskId, Action.CLAIM, who, Set.of(TaskStatus.ASSIGNED), task -> {
            Update update = new Update()
                    .set("status", TaskStatus.CLAIMED)
                    .set("claimedBy", handler)
                    .push("history", new HistoryEntry(clock.instant(), "CLAIMED", handler, null));
            return outbox.append(
                    update,
                    follow(
                            task.correlationId(),
                            EventIds.of(EventType.TASK_CLAIMED, taskId),
                            new TaskClaimed(task.caseId(), taskId, task.round(), task.departmentId(), handler)));
        });
    }

    /** 办结: only the handler who claimed the task answers it. */
    public Mono<Task> resolve(String taskId, Access who, String reply) {
        String handler = who.who();
        return transition(taskId, Action.RESOLVE, who, Set.of(TaskStatus.CLAIMED), task -> {
            if (!handler.equals(task.claimedBy())) {
                throw new ConflictException("task " + taskId + " is claimed by another handler");
            }
            Instant now = clock.instant();
            boolean onTime = task.dueAt() == null || !now.isAfter(task.dueAt());
            Update update = new Update()
                    .set("status", TaskStatus.RESOLVED)
                    .set("reply", reply)
                    .set("resolvedAt", now)
                    .unset("slaNextAt")
                    .push("history", new HistoryEntry(now, "RESOLVED", handler, reply));
            return outbox.append(
                    update,
                    follow(
                            task.correlationId(),
                            EventIds.of(EventType.TASK_RESOLVED, taskId),
                            new TaskResolved(
                                    task.caseId(),
                                    taskId,
                                    task.round(),
                                    task.departmentId(),
                                    handler,
                                    reply,
                                    now,
                                    task.dueAt(),
                                    onTime)));
        });
    }

    /**
     * 退回: the department says the task is not theirs. It goes to the next department that serves the board (the
     * SLA clock keeps running: the enterprise's deadline does not move), or, after {@code maxReturns} returns or when
     * nobody else serves it, waits for a person to route it.
     */
    public Mono<Task> returnTask(String taskId, Access who, String reason) {
        String handler = who.who();
        return transition(taskId, Action.RETURN, who, Set.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED), task -> {
            Set<String> excluded = new HashSet<>(task.returnedBy() == null ? List.of() : task.returnedBy());
            excluded.add(task.departmentId());
            Optional<Assignment> next = excluded.size() >= routing.maxReturns()
                    ? Optional.empty()
                    : directory.route(task.regionCode(), task.board(), excluded);
            Update update = new Update()
                    .addToSet("returnedBy", task.departmentId())
                    .set("claimedBy", null)
                    .push("history", new HistoryEntry(clock.instant(), "RETURNED", handler, reason));
            EventEnvelope<TaskReturned> returned = follow(
                    task.correlationId(),
                    EventIds.of(EventType.TASK_RETURNED, taskId, task.assignment()),
                    new TaskReturned(task.caseId(), taskId, task.round(), task.departmentId(), handler, reason));
            if (next.isEmpty()) {
                log.warn("task {} returned {} times; waiting for manual routing", taskId, excluded.size());
                update.set("status", TaskStatus.UNROUTED);
                return outbox.append(update, returned);
            }
            return outbox.append(reassign(update, task, next.get()), returned, reassigned(task, next.get()));
        });
    }

    /**
     * 转办: hand the task to another named department, with a reason. A supervisor hands it within their region or up
     * to a region above it, never sideways into a sibling's.
     */
    public Mono<Task> transfer(String taskId, Access who, String toDepartmentId, String reason) {
        String handler = who.who();
        Set<TaskStatus> from = Set.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED, TaskStatus.UNROUTED);
        return transition(taskId, Action.TRANSFER, who, from, task -> {
            Assignment to = directory
                    .department(toDepartmentId)
                    .orElseThrow(() -> new InvalidInputException("toDepartmentId", "no department " + toDepartmentId));
            if (!who.mayTransferTo(to.region().code())) {
                throw new NotPermittedException("toDepartmentId: " + toDepartmentId + " is outside the regions "
                        + handler + " may transfer to (their own, below or above it)");
            }
            if (to.department().id().equals(task.departmentId()) && task.status() != TaskStatus.UNROUTED) {
                throw new ConflictException("task " + taskId + " is already with " + toDepartmentId);
            }
            Update update = new Update()
                    .set("claimedBy", null)
                    .push(
                            "history",
                            new HistoryEntry(
                                    clock.instant(),
                                    "TRANSFERRED",
                                    handler,
                                    to.department().name() + ": " + reason));
            return outbox.append(reassign(update, task, to), reassigned(task, to));
        });
    }

    private static Update reassign(Update update, Task task, Assignment to) {
        return update.set("status", TaskStatus.ASSIGNED)
                .set("departmentId", to.department().id())
                .set("departmentName", to.department().name())
                .set("regionCode", to.region().code())
                .set("level", to.region().level())
                .set("assignment", task.assignment() + 1);
    }

    private EventEnvelope<TaskAssigned> reassigned(Task task, Assignment to) {
        int assignment = task.assignment() + 1;
        return follow(
                task.correlationId(),
                EventIds.of(EventType.TASK_ASSIGNED, task.taskId(), assignment),
                new TaskAssigned(
                        task.caseId(),
                        task.taskId(),
                        task.round(),
                        to.department().id(),
                        to.department().name(),
                        to.region().code(),
                        to.region().level(),
                        task.workingDays(),
                        task.dueAt()));
    }

    /**
     * One transition as one conditional update. Who may act is checked on the very version of the task the update is
     * conditioned on (a hand-over to another department changes {@code assignment}), so it cannot be raced. A task
     * out of the caller's sight is answered as unknown, so that its existence is not revealed.
     */
    private Mono<Task> transition(
            String taskId, Action action, Access who, Set<TaskStatus> from, Function<Task, Update> change) {
        who.require(action);
        return mongo.findById(taskId, Task.class)
                .filter(task -> who.sees(task.departmentId(), task.regionCode()))
                .switchIfEmpty(Mono.error(new NotFoundException("no task " + taskId)))
                .flatMap(task -> {
                    if (!who.may(action, task.departmentId(), task.regionCode())) {
                        return Mono.error(new NotPermittedException(who.who() + " may see task " + taskId + " but not "
                                + action.description() + " of " + task.departmentId()));
                    }
                    if (!from.contains(task.status())) {
                        return Mono.error(new ConflictException(
                                "task " + taskId + " is " + task.status() + ", not " + describe(from)));
                    }
                    return mongo.updateFirst(
                                    query(where("_id")
                                            .is(taskId)
                                            .and("status")
                                            .is(task.status())
                                            .and("assignment")
                                            .is(task.assignment())),
                                    change.apply(task),
                                    Task.class)
                            .flatMap(result -> result.getModifiedCount() == 1
                                    ? relay.relay(Task.COLLECTION, taskId).then(mongo.findById(taskId, Task.class))
                                    : Mono.error(
                                            new ConflictException("task " + taskId + " changed meanwhile; retry")));
                });
    }

    private static String describe(Set<TaskStatus> statuses) {
        return statuses.size() == 1
                ? statuses.iterator().next().name()
                : statuses.stream().map(Enum::name).sorted().toList().toString();
    }

    private Mono<Void> create(EventEnvelope<?> cause, TaskDraft draft) {
        String taskId = Task.idOf(draft.caseId(), draft.round());
        int workingDays = sla.workingDays(draft.complexity(), draft.board());
        Instant dueAt = null;
        Instant warnAt = null;
        try {
            dueAt = schedule.dueAt(draft.startedAt(), workingDays);
            warnAt = schedule.warnAt(draft.startedAt(), workingDays);
        } catch (CalendarNotLoadedException e) {
            // Never guess a deadline: the task is assigned now and dated once that year's calendar is loaded.
            log.warn("task {} has no deadline yet: {}", taskId, e.getMessage());
        }
        Assignment to = draft.assignment();
        TaskAssigned assigned = new TaskAssigned(
                draft.caseId(),
                taskId,
                draft.round(),
                to.department().id(),
                to.department().name(),
                to.region().code(),
                to.region().level(),
                workingDays,
                dueAt);
        Instant now = clock.instant();
        Task task = new Task(
                taskId,
                draft.caseId(),
                draft.caseNumber(),
                cause.correlationId(),
                draft.round(),
                TaskStatus.ASSIGNED,
                draft.title(),
                draft.content(),
                draft.board(),
                draft.complexity(),
                to.department().id(),
                to.department().name(),
                to.region().code(),
                to.region().level(),
                workingDays,
                draft.startedAt(),
                dueAt,
                dueAt == null,
                SlaColour.GREEN,
                warnAt,
                0,
                1,
                List.of(),
                null,
                null,
                null,
                List.of(new HistoryEntry(
                        now, "ASSIGNED", "dispatch", to.department().name())),
                outbox.entries(EventEnvelope.of(
                        EventIds.of(EventType.TASK_ASSIGNED, taskId, 1), now, cause.correlationId(), assigned)),
                now);
        return mongo.insert(task)
                .doOnNext(t -> log.info(
                        "case {} round {} assigned to {}, due {}",
                        t.caseNumber(),
                        t.round(),
                        t.departmentName(),
                        t.dueAt()))
                .then()
                // The task id is the case and round: a redelivered event finds the task already there.
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                .then(relay.relay(Task.COLLECTION, taskId));
    }

    private Assignment route(String regionCode, String board) {
        return directory
                .route(regionCode, board)
                .orElseThrow(() -> new IllegalStateException("no department serves board " + board + " for region "
                        + regionCode + " or above; add one (or a fallback department) to the directory"));
    }

    private Assignment routeAbove(String regionCode, String board) {
        String parent = directory.region(regionCode).map(r -> r.parent()).orElse(null);
        return parent == null ? route(regionCode, board) : route(parent, board);
    }

    private <P extends EventPayload> EventEnvelope<P> follow(String correlationId, String eventId, P payload) {
        return EventEnvelope.of(eventId, clock.instant(), correlationId, payload);
    }
}

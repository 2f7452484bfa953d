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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.calendar.CalendarNotLoadedException;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.Action;
import qihu.dispatch.access.NotPermittedException;
import qihu.dispatch.routing.Assignment;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.RoutingProperties;
import qihu.dispatch.sla.OpenTaskCounts;
import qihu.dispatch.sla.OpenTaskCounts.Place;
import qihu.dispatch.sla.SlaBudget;
import qihu.dispatch.sla.SlaNotices;
import qihu.dispatch.sla.SlaPolicy;
import qihu.dispatch.sla.SlaSchedule;
import qihu.dispatch.sla.SlaTimers;
import qihu.dispatch.sla.WorkingHours;
import qihu.dispatch.task.Task.Assistant;
import qihu.dispatch.task.Task.ExtensionRequest;
import qihu.dispatch.task.Task.HistoryEntry;
import qihu.dispatch.task.Task.Opinion;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerChanges;
import qihu.dispatch.timer.TimerChanges.Kind;
import qihu.events.CaseEvent;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.Complexity;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventPayload;
import qihu.events.EventType;
import qihu.events.SlaColour;
import qihu.events.TaskAssigned;
import qihu.events.TaskAssistantsAdded;
import qihu.events.TaskClaimed;
import qihu.events.TaskExtensionApproved;
import qihu.events.TaskExtensionRefused;
import qihu.events.TaskExtensionRequested;
import qihu.events.TaskOpinionGiven;
import qihu.events.TaskPaused;
import qihu.events.TaskResolved;
import qihu.events.TaskResumed;
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
    private final SlaTimers timers;
    private final WorkingHours workingHours;
    private final TaskTimers taskTimers;
    private final SlaNotices notices;
    private final OpenTaskCounts openTasks;

    public TaskService(
            ReactiveMongoTemplate mongo,
            Directory directory,
            SlaPolicy sla,
            SlaSchedule schedule,
            Outbox outbox,
            OutboxRelay relay,
            RoutingProperties routing,
            Clock clock,
            SlaTimers timers,
            WorkingHours workingHours,
            TaskTimers taskTimers,
            SlaNotices notices,
            OpenTaskCounts openTasks) {
        this.mongo = mongo;
        this.directory = directory;
        this.sla = sla;
        this.schedule = schedule;
        this.outbox = outbox;
        this.relay = relay;
        this.routing = routing;
        this.clock = clock;
        this.timers = timers;
        this.workingHours = workingHours;
        this.taskTimers = taskTimers;
        this.notices = notices;
        this.openTasks = openTasks;
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
        TimerChanges changes = new TimerChanges();
        return transition(taskId, Action.CLAIM, who, Set.of(TaskStatus.ASSIGNED), changes, task -> {
            changes.cancel(Kind.CLAIM, taskId, task.claimDueAt());
            Update update = new Update()
                    .set("status", TaskStatus.CLAIMED)
                    .set("claimedBy", handler)
                    .unset("claimDueAt")
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
        TimerChanges changes = new TimerChanges();
        return transition(taskId, Action.RESOLVE, who, Set.of(TaskStatus.CLAIMED), changes, task -> {
            if (!handler.equals(task.claimedBy())) {
                throw new ConflictException("task " + taskId + " is claimed by another handler");
            }
            changes.cancel(Kind.SLA, taskId, task.slaNextAt());
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
        TimerChanges changes = new TimerChanges();
        Set<TaskStatus> from = Set.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED);
        return transition(taskId, Action.RETURN, who, from, changes, task -> {
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
                update.set("status", TaskStatus.UNROUTED).unset("claimDueAt").unset("extension");
                changes.cancel(Kind.CLAIM, taskId, task.claimDueAt());
                return outbox.append(update, returned);
            }
            return outbox.append(reassign(changes, update, task, next.get()), returned, reassigned(task, next.get()));
        });
    }

    /**
     * 转办: hand the task to another named department, with a reason. A supervisor hands it within their region or up
     * to a region above it, never sideways into a sibling's.
     */
    public Mono<Task> transfer(String taskId, Access who, String toDepartmentId, String reason) {
        String handler = who.who();
        Set<TaskStatus> from = Set.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED, TaskStatus.UNROUTED);
        TimerChanges changes = new TimerChanges();
        return transition(taskId, Action.TRANSFER, who, from, changes, task -> {
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
            return outbox.append(reassign(changes, update, task, to), reassigned(task, to));
        });
    }

    /**
     * 暂停计时: the handler waits for the enterprise to supply material. The clock stops: no colour change or escalation
     * fires while paused; {@link #resume} moves the deadline by the working days the pause took.
     */
    public Mono<Task> pause(String taskId, Access who, String reason) {
        TimerChanges changes = new TimerChanges();
        return transition(taskId, Action.PAUSE, who, Set.of(TaskStatus.CLAIMED), changes, task -> {
            changes.cancel(Kind.SLA, taskId, task.slaNextAt());
            Instant now = clock.instant();
            Update update = new Update()
                    .set("status", TaskStatus.PAUSED)
                    .set("pausedAt", now)
                    .unset("slaNextAt");
            return recorded(
                    task,
                    update,
                    new HistoryEntry(now, "PAUSED", who.who(), reason),
                    new TaskPaused(task.caseId(), taskId, task.round(), task.departmentId(), who.who(), reason),
                    List.of());
        });
    }

    /**
     * The material arrived: the clock runs again, the deadline and the warning point move by the working days after
     * the day of pausing up to and including today ({@link SlaSchedule#pausedWorkingDays}), and the colour is what the
     * moved deadline makes it.
     */
    public Mono<Task> resume(String taskId, Access who) {
        List<EventEnvelope<?>> colours = new ArrayList<>();
        TimerChanges changes = new TimerChanges();
        return transition(taskId, Action.PAUSE, who, Set.of(TaskStatus.PAUSED), changes, task -> {
                    Instant now = clock.instant();
                    int paused = pausedWorkingDays(task, now);
                    SlaBudget budget = task.budget().pausedFor(paused);
                    SlaTimers.DeadlineMove move = timers.moveDeadline(task, budget, now);
                    changes.move(Kind.SLA, taskId, task.slaNextAt(), move.nextAt());
                    colours.addAll(move.events());
                    Update update = move.update()
                            .set("status", TaskStatus.CLAIMED)
                            .set("pausedDays", budget.pausedDays())
                            .unset("pausedAt");
                    return recorded(
                            task,
                            update,
                            new HistoryEntry(
                                    now, "RESUMED", who.who(), paused + " working day(s) paused; due " + move.dueAt()),
                            new TaskResumed(
                                    task.caseId(),
                                    taskId,
                                    task.round(),
                                    task.departmentId(),
                                    who.who(),
                                    paused,
                                    move.dueAt()),
                            move.events());
                })
                .doOnNext(task -> timers.count(colours))
                .flatMap(task -> notices.arm(task, colours, clock.instant()).thenReturn(task));
    }

    private int pausedWorkingDays(Task task, Instant now) {
        try {
            return schedule.pausedWorkingDays(task.pausedAt(), now);
        } catch (CalendarNotLoadedException e) {
            throw new ConflictException("task " + task.taskId() + " cannot be resumed before the calendar of its"
                    + " pause is loaded: " + e.getMessage());
        }
    }

    /** 申请延期: the handler asks for more working days; one pending request at a time. */
    public Mono<Task> requestExtension(String taskId, Access who, int workingDays, String reason) {
        Set<TaskStatus> from = Set.of(TaskStatus.CLAIMED, TaskStatus.PAUSED);
        return transition(
                taskId,
                Action.REQUEST_EXTENSION,
                who,
                from,
                new TimerChanges(),
                task -> who.may(Action.REQUEST_EXTENSION, task.departmentId(), task.regionCode()),
                task -> {
                    if (task.extension() != null) {
                        throw new ConflictException("task " + taskId + " already has an extension request of "
                                + task.extension().workingDays() + " working day(s) waiting for a supervisor");
                    }
                    Instant now = clock.instant();
                    return recorded(
                            task,
                            new Update().set("extension", new ExtensionRequest(workingDays, reason, who.who(), now)),
                            new HistoryEntry(
                                    now,
                                    "EXTENSION_REQUESTED",
                                    who.who(),
                                    "+" + workingDays + " working day(s): " + reason),
                            new TaskExtensionRequested(
                                    task.caseId(),
                                    taskId,
                                    task.round(),
                                    task.departmentId(),
                                    who.who(),
                                    workingDays,
                                    reason),
                            List.of());
                },
                task -> where("extension").is(null));
    }

    /**
     * 延期批准: a supervisor covering the task grants the requested days; the deadline moves by them and the warning
     * point is recomputed from the larger budget. On a paused task the colour waits for the resume.
     */
    public Mono<Task> approveExtension(String taskId, Access who) {
        List<EventEnvelope<?>> colours = new ArrayList<>();
        TimerChanges changes = new TimerChanges();
        return decideExtension(taskId, who, changes, task -> {
                    ExtensionRequest request = task.extension();
                    Instant now = clock.instant();
                    SlaBudget budget = task.budget().extendedBy(request.workingDays());
                    Update update;
                    Instant dueAt;
                    if (task.status() == TaskStatus.PAUSED) {
                        dueAt = dueAtOrNull(task, budget);
                        update = new Update().set("deadlineMoves", task.deadlineMoves() + 1);
                        update = dueAt == null ? update : update.set("dueAt", dueAt);
                    } else {
                        SlaTimers.DeadlineMove move = timers.moveDeadline(task, budget, now);
                        changes.move(Kind.SLA, taskId, task.slaNextAt(), move.nextAt());
                        colours.addAll(move.events());
                        update = move.update();
                        dueAt = move.dueAt();
                    }
                    update.set("extensionDays", budget.extensionDays()).unset("extension");
                    return recorded(
                            task,
                            update,
                            new HistoryEntry(
                                    now,
                                    "EXTENSION_APPROVED",
                                    who.who(),
                                    "+" + request.workingDays() + " working day(s); due " + dueAt),
                            new TaskExtensionApproved(
                                    task.caseId(),
                                    taskId,
                                    task.round(),
                                    task.departmentId(),
                                    who.who(),
                                    request.workingDays(),
                                    dueAt),
                            colours);
                })
                .doOnNext(task -> timers.count(colours))
                .flatMap(task -> notices.arm(task, colours, clock.instant()).thenReturn(task));
    }

    /** 延期驳回: the deadline stands. */
    public Mono<Task> refuseExtension(String taskId, Access who, String reason) {
        return decideExtension(taskId, who, new TimerChanges(), task -> {
            return recorded(
                    task,
                    new Update().unset("extension"),
                    new HistoryEntry(clock.instant(), "EXTENSION_REFUSED", who.who(), reason),
                    new TaskExtensionRefused(
                            task.caseId(),
                            taskId,
                            task.round(),
                            task.departmentId(),
                            who.who(),
                            task.extension().workingDays(),
                            reason),
                    List.of());
        });
    }

    private Mono<Task> decideExtension(
            String taskId, Access who, TimerChanges changes, Function<Task, Update> decision) {
        return transition(
                taskId,
                Action.DECIDE_EXTENSION,
                who,
                Set.of(TaskStatus.CLAIMED, TaskStatus.PAUSED),
                changes,
                task -> who.may(Action.DECIDE_EXTENSION, task.departmentId(), task.regionCode()),
                task -> {
                    if (task.extension() == null) {
                        throw new ConflictException("task " + taskId + " has no pending extension request");
                    }
                    return decision.apply(task);
                },
                task -> where("extension").ne(null));
    }

    private Instant dueAtOrNull(Task task, SlaBudget budget) {
        try {
            return schedule.dueAt(task.startedAt(), budget);
        } catch (CalendarNotLoadedException e) {
            return null;
        }
    }

    /**
     * 协办: other departments assist the lead with a cross-department case. They see the task in their lists and give
     * opinions; only the lead department resolves it. Departments already assisting are left as they are.
     */
    public Mono<Task> addAssistants(String taskId, Access who, List<String> departmentIds, String reason) {
        Set<TaskStatus> open = Set.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED, TaskStatus.PAUSED);
        return transition(
                taskId,
                Action.ADD_ASSISTANTS,
                who,
                open,
                new TimerChanges(),
                task -> who.may(Action.ADD_ASSISTANTS, task.departmentId(), task.regionCode()),
                task -> {
                    Instant now = clock.instant();
                    List<Assistant> added = new ArrayList<>();
                    for (int i = 0; i < departmentIds.size(); i++) {
                        String id = departmentIds.get(i);
                        String field = "departmentIds[" + i + "]";
                        Assignment to = directory
                                .department(id)
                                .orElseThrow(() -> new InvalidInputException(field, "no department " + id));
                        if (id.equals(task.departmentId())) {
                            throw new InvalidInputException(field, id + " is the lead department of the task");
                        }
                        if (!task.assistingDepartments().contains(id)
                                && added.stream()
                                        .noneMatch(a -> a.departmentId().equals(id))) {
                            added.add(new Assistant(
                                    id, to.department().name(), to.region().code(), who.who(), now, reason));
                        }
                    }
                    if (added.isEmpty()) {
                        throw new ConflictException("every department named already assists task " + taskId);
                    }
                    List<String> ids =
                            added.stream().map(Assistant::departmentId).toList();
                    Update update = new Update();
                    update.push("assistants").each(added.toArray());
                    update.addToSet("assistingDepartments").each(ids.toArray());
                    update.addToSet("assistingRegions")
                            .each(added.stream()
                                    .map(Assistant::regionCode)
                                    .distinct()
                                    .toArray());
                    String names = added.stream().map(Assistant::departmentName).collect(Collectors.joining("、"));
                    return recorded(
                            task,
                            update,
                            new HistoryEntry(now, "ASSISTANTS_ADDED", who.who(), names + ": " + reason),
                            new TaskAssistantsAdded(
                                    task.caseId(), taskId, task.round(), task.departmentId(), who.who(), ids, reason),
                            List.of());
                },
                // Two requests naming the same department at once: only one adds it.
                task -> where("assistingDepartments")
                        .nin(departmentIds.stream()
                                .filter(id -> !task.assistingDepartments().contains(id))
                                .toList()));
    }

    /**
     * 协办意见: an assisting department's opinion for the lead. {@code departmentId} names the assisting department the
     * caller speaks for; without it, the first assisting department the caller may speak for.
     */
    public Mono<Task> giveOpinion(String taskId, Access who, String departmentId, String opinion) {
        Set<TaskStatus> open = Set.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED, TaskStatus.PAUSED);
        return transition(
                taskId,
                Action.GIVE_OPINION,
                who,
                open,
                new TimerChanges(),
                task -> speaksFor(who, task, departmentId).isPresent(),
                task -> {
                    Assistant assistant = speaksFor(who, task, departmentId).orElseThrow();
                    Instant now = clock.instant();
                    return recorded(
                            task,
                            new Update()
                                    .push("opinions", new Opinion(assistant.departmentId(), who.who(), now, opinion)),
                            new HistoryEntry(now, "OPINION", who.who(), assistant.departmentName() + ": " + opinion),
                            new TaskOpinionGiven(
                                    task.caseId(), taskId, task.round(), assistant.departmentId(), who.who(), opinion),
                            List.of());
                },
                task -> null);
    }

    private static Optional<Assistant> speaksFor(Access who, Task task, String departmentId) {
        if (departmentId != null && !task.assistingDepartments().contains(departmentId)) {
            throw new InvalidInputException("departmentId", departmentId + " does not assist task " + task.taskId());
        }
        return task.assistants().stream()
                .filter(a -> departmentId == null || a.departmentId().equals(departmentId))
                .filter(a -> who.may(Action.GIVE_OPINION, a.departmentId(), a.regionCode()))
                .findFirst();
    }

    /**
     * A transition's update with its history entry and its event appended, then any events it caused (a colour change).
     * The event's id is the task and the transition's place in its history: unique, and the same however often the
     * event is relayed.
     */
    private Update recorded(
            Task task, Update update, HistoryEntry entry, CaseEvent event, List<EventEnvelope<?>> caused) {
        update.push("history", entry);
        List<EventEnvelope<?>> events = new ArrayList<>();
        events.add(follow(
                task.correlationId(),
                EventIds.of(EventType.of(event), task.taskId(), task.history().size()),
                event));
        events.addAll(caused);
        return outbox.append(update, events.toArray(EventEnvelope<?>[]::new));
    }

    /**
     * A hand-over to another department: assigned again, with a new claim timeout; a pending extension request was the
     * former department's and lapses.
     */
    Update reassign(TimerChanges changes, Update update, Task task, Assignment to) {
        Instant claimDueAt = claimDueAt(clock.instant());
        changes.move(Kind.CLAIM, task.taskId(), task.claimDueAt(), claimDueAt);
        if (task.status() == TaskStatus.UNROUTED) {
            // Its SLA timer was dropped while nobody held the task; the point itself never moved.
            changes.arm(Kind.SLA, task.taskId(), task.slaNextAt());
        }
        return update.set("status", TaskStatus.ASSIGNED)
                .set("departmentId", to.department().id())
                .set("departmentName", to.department().name())
                .set("regionCode", to.region().code())
                .set("level", to.region().level())
                .set("assignment", task.assignment() + 1)
                .set("claimDueAt", claimDueAt)
                .unset("extension");
    }

    /** When a task assigned at {@code assignedAt} goes to the fallback board unless claimed; null if undatable. */
    private Instant claimDueAt(Instant assignedAt) {
        try {
            return workingHours.plusWorkingTime(assignedAt, routing.claimTimeout());
        } catch (CalendarNotLoadedException e) {
            log.warn("no claim timeout: {}", e.getMessage());
            return null;
        }
    }

    EventEnvelope<TaskAssigned> reassigned(Task task, Assignment to) {
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
            String taskId,
            Action action,
            Access who,
            Set<TaskStatus> from,
            TimerChanges changes,
            Function<Task, Update> change) {
        return transition(
                taskId,
                action,
                who,
                from,
                changes,
                task -> who.may(action, task.departmentId(), task.regionCode()),
                change,
                task -> null);
    }

    /**
     * @param changes the timers the change arms (before the update) and cancels (after it)
     * @param permitted whether the caller may act on this task (the lead department's, unless said otherwise)
     * @param guard a further condition of the update, on what the change read besides status and assignment
     */
    private Mono<Task> transition(
            String taskId,
            Action action,
            Access who,
            Set<TaskStatus> from,
            TimerChanges changes,
            Predicate<Task> permitted,
            Function<Task, Update> change,
            Function<Task, Criteria> guard) {
        who.require(action);
        return mongo.findById(taskId, Task.class)
                .filter(task -> visible(who, task))
                .switchIfEmpty(Mono.error(new NotFoundException("no task " + taskId)))
                .flatMap(task -> {
                    if (!permitted.test(task)) {
                        return Mono.error(new NotPermittedException(who.who() + " may see task " + taskId + " but not "
                                + action.description() + " of " + task.departmentId()));
                    }
                    if (!from.contains(task.status())) {
                        return Mono.error(new ConflictException(
                                "task " + taskId + " is " + task.status() + ", not " + describe(from)));
                    }
                    Criteria condition = where("_id")
                            .is(taskId)
                            .and("status")
                            .is(task.status())
                            .and("assignment")
                            .is(task.assignment());
                    Update update = change.apply(task);
                    Criteria further = guard.apply(task);
                    return taskTimers
                            .arm(changes)
                            .then(relay.note(Task.COLLECTION, taskId))
                            .then(mongo.updateFirst(
                                    query(further == null ? condition : new Criteria().andOperator(condition, further)),
                                    update,
                                    Task.class))
                            .flatMap(result -> result.getModifiedCount() == 1
                                    ? openTasks
                                            .moved(Place.of(task), Place.after(task, update), 1)
                                            .then(taskTimers.cancel(changes))
                                            .then(relay.relay(Task.COLLECTION, taskId))
                                            .then(mongo.findById(taskId, Task.class))
                                    : Mono.error(
                                            new ConflictException("task " + taskId + " changed meanwhile; retry")));
                });
    }

    /** The lead department's task, or one a department in the caller's scope assists (协办). */
    static boolean visible(Access who, Task task) {
        return who.sees(task.departmentId(), task.regionCode())
                || task.assistants().stream().anyMatch(a -> who.sees(a.departmentId(), a.regionCode()));
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
                now,
                0,
                0,
                0,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                claimDueAt(now));
        TimerChanges timers =
                new TimerChanges().arm(Kind.SLA, taskId, warnAt).arm(Kind.CLAIM, taskId, task.claimDueAt());
        return taskTimers
                .arm(timers)
                .then(relay.note(Task.COLLECTION, taskId))
                .then(mongo.insert(task))
                .flatMap(t -> openTasks.moved(Place.NOT_RUNNING, Place.of(t), 1).thenReturn(t))
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

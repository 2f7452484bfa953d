package qihu.dispatch.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.dispatch.access.Access;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskService;
import qihu.dispatch.task.TaskStatus;
import qihu.events.OwnerLevel;
import qihu.events.SlaColour;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The task API: list, look at, claim, resolve, return, transfer. Every call is signed in and scoped: the caller's
 * scope is part of every query, and a task outside it is answered as unknown (404) whether it exists or not. A role
 * that may not act at all gets a 403 naming why. Who acted is the token's subject; the commands' {@code handler} field
 * is still accepted for old clients, checked for shape, and ignored.
 */
@RestController
@RequestMapping("/api/v1/tasks")
public class TaskController {

    private static final int MAX_REPLY = 4000;
    private static final int MAX_REASON = 500;
    private static final int MAX_HANDLER = 64;
    private static final int PAGE = 200;

    private final ReactiveMongoTemplate mongo;
    private final TaskService tasks;

    public TaskController(ReactiveMongoTemplate mongo, TaskService tasks) {
        this.mongo = mongo;
        this.tasks = tasks;
    }

    public record TaskView(
            String taskId,
            String caseId,
            String caseNumber,
            int round,
            TaskStatus status,
            String title,
            String content,
            String board,
            String departmentId,
            String departmentName,
            String regionCode,
            OwnerLevel level,
            int workingDays,
            Instant dueAt,
            SlaColour slaColour,
            String claimedBy,
            String reply,
            List<Task.HistoryEntry> history) {

        static TaskView of(Task t) {
            return new TaskView(
                    t.taskId(),
                    t.caseId(),
                    t.caseNumber(),
                    t.round(),
                    t.status(),
                    t.title(),
                    t.content(),
                    t.board(),
                    t.departmentId(),
                    t.departmentName(),
                    t.regionCode(),
                    t.level(),
                    t.workingDays(),
                    t.dueAt(),
                    t.slaColour(),
                    t.claimedBy(),
                    t.reply(),
                    t.history());
        }
    }

    /** @param handler ignored (who acts is the token's subject); checked for shape when present */
    public record ClaimCommand(String handler) {}

    /** @param handler ignored (who acts is the token's subject); checked for shape when present */
    public record ResolveCommand(String handler, String reply) {}

    /** @param handler ignored (who acts is the token's subject); checked for shape when present */
    public record ReturnCommand(String handler, String reason) {}

    /** @param handler ignored (who acts is the token's subject); checked for shape when present */
    public record TransferCommand(String handler, String toDepartmentId, String reason) {}

    @GetMapping
    public Flux<TaskView> list(
            @RequestParam(required = false) String departmentId,
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) TaskStatus status,
            @AuthenticationPrincipal Access who) {
        who.requireSomeRole();
        List<Criteria> conditions = new ArrayList<>();
        if (departmentId != null) {
            conditions.add(where("departmentId").is(departmentId));
        }
        if (caseId != null) {
            conditions.add(where("caseId").is(caseId));
        }
        if (status != null) {
            conditions.add(where("status").is(status));
        }
        TaskScope.of(who).ifPresent(conditions::add);
        return mongo.find(query(all(conditions)).with(Sort.by("dueAt")).limit(PAGE), Task.class)
                .map(TaskView::of);
    }

    @GetMapping("/{taskId}")
    public Mono<TaskView> byId(@PathVariable String taskId, @AuthenticationPrincipal Access who) {
        who.requireSomeRole();
        List<Criteria> conditions = new ArrayList<>(List.of(where("_id").is(taskId)));
        TaskScope.of(who).ifPresent(conditions::add);
        return mongo.findOne(query(all(conditions)), Task.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no task " + taskId)))
                .map(TaskView::of);
    }

    @PostMapping("/{taskId}/claim")
    public Mono<TaskView> claim(
            @PathVariable String taskId, @RequestBody ClaimCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(handlerViolations(command.handler()));
        return tasks.claim(taskId, who).map(TaskView::of);
    }

    @PostMapping("/{taskId}/resolve")
    public Mono<TaskView> resolve(
            @PathVariable String taskId, @RequestBody ResolveCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(handlerViolations(command.handler()), textViolations("reply", command.reply(), MAX_REPLY));
        return tasks.resolve(taskId, who, command.reply().strip()).map(TaskView::of);
    }

    /** 退回: not this department's task; it is routed again without them. */
    @PostMapping("/{taskId}/return")
    public Mono<TaskView> returnTask(
            @PathVariable String taskId, @RequestBody ReturnCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(handlerViolations(command.handler()), textViolations("reason", command.reason(), MAX_REASON));
        return tasks.returnTask(taskId, who, command.reason().strip()).map(TaskView::of);
    }

    /** 转办: hand the task to a named department. */
    @PostMapping("/{taskId}/transfer")
    public Mono<TaskView> transfer(
            @PathVariable String taskId, @RequestBody TransferCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(
                handlerViolations(command.handler()),
                textViolations("toDepartmentId", command.toDepartmentId(), MAX_HANDLER),
                textViolations("reason", command.reason(), MAX_REASON));
        return tasks.transfer(
                        taskId, who, command.toDepartmentId(), command.reason().strip())
                .map(TaskView::of);
    }

    private static Criteria all(List<Criteria> conditions) {
        return conditions.isEmpty() ? new Criteria() : new Criteria().andOperator(conditions);
    }

    /** The old clients' {@code handler}: optional and ignored, but not any shape. */
    private static List<FieldViolation> handlerViolations(String handler) {
        return handler == null ? List.of() : textViolations("handler", handler, MAX_HANDLER);
    }

    @SafeVarargs
    private static void requireTexts(List<FieldViolation>... checks) {
        List<FieldViolation> violations = new ArrayList<>();
        for (List<FieldViolation> check : checks) {
            violations.addAll(check);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static List<FieldViolation> textViolations(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return List.of(new FieldViolation(field, "is required"));
        }
        if (value.length() > max) {
            return List.of(new FieldViolation(field, "must be at most " + max + " characters"));
        }
        return List.of();
    }
}

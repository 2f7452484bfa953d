package qihu.dispatch.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

/** The handlers' task API: list, look at, claim, resolve. Sign-in and region scoping arrive with the people issue. */
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

    public record ClaimCommand(String handler) {}

    public record ResolveCommand(String handler, String reply) {}

    public record ReturnCommand(String handler, String reason) {}

    public record TransferCommand(String handler, String toDepartmentId, String reason) {}

    @GetMapping
    public Flux<TaskView> list(
            @RequestParam(required = false) String departmentId,
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) TaskStatus status) {
        Criteria criteria = new Criteria();
        if (departmentId != null) {
            criteria = criteria.and("departmentId").is(departmentId);
        }
        if (caseId != null) {
            criteria = criteria.and("caseId").is(caseId);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        return mongo.find(query(criteria).with(Sort.by("dueAt")).limit(PAGE), Task.class)
                .map(TaskView::of);
    }

    @GetMapping("/{taskId}")
    public Mono<TaskView> byId(@PathVariable String taskId) {
        return mongo.findOne(query(where("_id").is(taskId)), Task.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no task " + taskId)))
                .map(TaskView::of);
    }

    @PostMapping("/{taskId}/claim")
    public Mono<TaskView> claim(@PathVariable String taskId, @RequestBody ClaimCommand command) {
        requireTexts(textViolations("handler", command.handler(), MAX_HANDLER));
        return tasks.claim(taskId, command.handler()).map(TaskView::of);
    }

    @PostMapping("/{taskId}/resolve")
    public Mono<TaskView> resolve(@PathVariable String taskId, @RequestBody ResolveCommand command) {
        requireTexts(
                textViolations("handler", command.handler(), MAX_HANDLER),
                textViolations("reply", command.reply(), MAX_REPLY));
        return tasks.resolve(taskId, command.handler(), command.reply().strip()).map(TaskView::of);
    }

    /** 退回: not this department's task; it is routed again without them. */
    @PostMapping("/{taskId}/return")
    public Mono<TaskView> returnTask(@PathVariable String taskId, @RequestBody ReturnCommand command) {
        requireTexts(
                textViolations("handler", command.handler(), MAX_HANDLER),
                textViolations("reason", command.reason(), MAX_REASON));
        return tasks.returnTask(taskId, command.handler(), command.reason().strip())
                .map(TaskView::of);
    }

    /** 转办: hand the task to a named department. */
    @PostMapping("/{taskId}/transfer")
    public Mono<TaskView> transfer(@PathVariable String taskId, @RequestBody TransferCommand command) {
        requireTexts(
                textViolations("handler", command.handler(), MAX_HANDLER),
                textViolations("toDepartmentId", command.toDepartmentId(), MAX_HANDLER),
                textViolations("reason", command.reason(), MAX_REASON));
        return tasks.transfer(
                        taskId,
                        command.handler(),
                        command.toDepartmentId(),
                        command.reason().strip())
                .map(TaskView::of);
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

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
import qihu.dispatch.sla.SlaProperties;
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
 * The task API: list, look at, claim, resolve, return, transfer, pause and resume, extensions, co-handling. Every call is signed in and scoped: the caller's
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
    private static final int MAX_ASSISTANTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final TaskService tasks;
    private final int maxExtensionDays;

    public TaskController(ReactiveMongoTemplate mongo, TaskService tasks, SlaProperties sla) {
        this.mongo = mongo;
        this.tasks = tasks;
        this.maxExtensionDays = sla.maxExtensionDays();
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
            List<Task.HistoryEntry> history,
            Involvement role,
            Instant claimDueAt,
            Instant pausedAt,
            int pausedDays,
            int extensionDays,
            Task.ExtensionRequest extension,
            List<Task.Assistant> assistants,
            List<Task.Opinion> opinions) {

        /** The view of {@code who}: whether they see it as the lead department's or as an assisting one's. */
        static TaskView of(Task t, Access who) {
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
                    t.history(),
                    who.sees(t.departmentId(), t.regionCode()) ? Involvement.LEAD : Involvement.ASSISTING,
                    t.claimDueAt(),
                    t.pausedAt(),
                    t.pausedDays(),
                    t.extensionDays(),
                    t.extension(),
                    t.assistants(),
                    t.opinions());
        }
    }

    /** How the caller is involved in a task: with the lead department (主办) or an assisting one (协办). */
    public enum Involvement {
        LEAD,
        ASSISTING
    }

    /** @param reason what the enterprise is to supply */
    public record PauseCommand(String reason) {}

    public record ResumeCommand() {}

    /** @param workingDays how many more working days (1 to {@code qihu.dispatch.sla.max-extension-days}) */
    public record ExtensionCommand(Integer workingDays, String reason) {}

    public record ApproveCommand() {}

    public record RefuseCommand(String reason) {}

    public record AssistantsCommand(List<String> departmentIds, String reason) {}

    /** @param departmentId the assisting department spoken for; optional for someone of one assisting department */
    public record OpinionCommand(String departmentId, String opinion) {}

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
                .map(t -> TaskView.of(t, who));
    }

    @GetMapping("/{taskId}")
    public Mono<TaskView> byId(@PathVariable String taskId, @AuthenticationPrincipal Access who) {
        who.requireSomeRole();
        List<Criteria> conditions = new ArrayList<>(List.of(where("_id").is(taskId)));
        TaskScope.of(who).ifPresent(conditions::add);
        return mongo.findOne(query(all(conditions)), Task.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no task " + taskId)))
                .map(t -> TaskView.of(t, who));
    }

    @PostMapping("/{taskId}/claim")
    public Mono<TaskView> claim(
            @PathVariable String taskId, @RequestBody ClaimCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(handlerViolations(command.handler()));
        return tasks.claim(taskId, who).map(t -> TaskView.of(t, who));
    }

    @PostMapping("/{taskId}/resolve")
    public Mono<TaskView> resolve(
            @PathVariable String taskId, @RequestBody ResolveCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(handlerViolations(command.handler()), textViolations("reply", command.reply(), MAX_REPLY));
        return tasks.resolve(taskId, who, command.reply().strip()).map(t -> TaskView.of(t, who));
    }

    /** 退回: not this department's task; it is routed again without them. */
    @PostMapping("/{taskId}/return")
    public Mono<TaskView> returnTask(
            @PathVariable String taskId, @RequestBody ReturnCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(handlerViolations(command.handler()), textViolations("reason", command.reason(), MAX_REASON));
        return tasks.returnTask(taskId, who, command.reason().strip()).map(t -> TaskView.of(t, who));
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
                .map(t -> TaskView.of(t, who));
    }

    /** 暂停计时: waiting for the enterprise's material; the clock stops. */
    @PostMapping("/{taskId}/pause")
    public Mono<TaskView> pause(
            @PathVariable String taskId, @RequestBody PauseCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(textViolations("reason", command.reason(), MAX_REASON));
        return tasks.pause(taskId, who, command.reason().strip()).map(t -> TaskView.of(t, who));
    }

    /** The material arrived: the clock runs again and the deadline moves by the working days paused. */
    @PostMapping("/{taskId}/resume")
    public Mono<TaskView> resume(
            @PathVariable String taskId, @RequestBody ResumeCommand command, @AuthenticationPrincipal Access who) {
        return tasks.resume(taskId, who).map(t -> TaskView.of(t, who));
    }

    /** 申请延期, for a supervisor to approve or refuse. */
    @PostMapping("/{taskId}/extension")
    public Mono<TaskView> requestExtension(
            @PathVariable String taskId, @RequestBody ExtensionCommand command, @AuthenticationPrincipal Access who) {
        List<FieldViolation> days = new ArrayList<>();
        if (command.workingDays() == null) {
            days.add(new FieldViolation("workingDays", "is required: 1 to " + maxExtensionDays));
        } else if (command.workingDays() < 1 || command.workingDays() > maxExtensionDays) {
            days.add(new FieldViolation("workingDays", "must be between 1 and " + maxExtensionDays));
        }
        requireTexts(days, textViolations("reason", command.reason(), MAX_REASON));
        return tasks.requestExtension(
                        taskId, who, command.workingDays(), command.reason().strip())
                .map(t -> TaskView.of(t, who));
    }

    @PostMapping("/{taskId}/extension/approve")
    public Mono<TaskView> approveExtension(
            @PathVariable String taskId, @RequestBody ApproveCommand command, @AuthenticationPrincipal Access who) {
        return tasks.approveExtension(taskId, who).map(t -> TaskView.of(t, who));
    }

    @PostMapping("/{taskId}/extension/refuse")
    public Mono<TaskView> refuseExtension(
            @PathVariable String taskId, @RequestBody RefuseCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(textViolations("reason", command.reason(), MAX_REASON));
        return tasks.refuseExtension(taskId, who, command.reason().strip()).map(t -> TaskView.of(t, who));
    }

    /** 协办: departments to assist the lead. */
    @PostMapping("/{taskId}/assistants")
    public Mono<TaskView> addAssistants(
            @PathVariable String taskId, @RequestBody AssistantsCommand command, @AuthenticationPrincipal Access who) {
        List<FieldViolation> ids = new ArrayList<>();
        List<String> departmentIds = command.departmentIds();
        if (departmentIds == null || departmentIds.isEmpty()) {
            ids.add(new FieldViolation("departmentIds", "is required: one or more department ids"));
        } else if (departmentIds.size() > MAX_ASSISTANTS) {
            ids.add(new FieldViolation("departmentIds", "must name at most " + MAX_ASSISTANTS + " departments"));
        } else {
            for (int i = 0; i < departmentIds.size(); i++) {
                ids.addAll(textViolations("departmentIds[" + i + "]", departmentIds.get(i), MAX_HANDLER));
            }
        }
        requireTexts(ids, textViolations("reason", command.reason(), MAX_REASON));
        return tasks.addAssistants(
                        taskId,
                        who,
                        departmentIds.stream().map(String::strip).toList(),
                        command.reason().strip())
                .map(t -> TaskView.of(t, who));
    }

    /** 协办意见: what an assisting department has to say to the lead. */
    @PostMapping("/{taskId}/opinion")
    public Mono<TaskView> giveOpinion(
            @PathVariable String taskId, @RequestBody OpinionCommand command, @AuthenticationPrincipal Access who) {
        requireTexts(
                command.departmentId() == null
                        ? List.of()
                        : textViolations("departmentId", command.departmentId(), MAX_HANDLER),
                textViolations("opinion", command.opinion(), MAX_REPLY));
        return tasks.giveOpinion(
                        taskId,
                        who,
                        command.departmentId() == null
                                ? null
                                : command.departmentId().strip(),
                        command.opinion().strip())
                .map(t -> TaskView.of(t, who));
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

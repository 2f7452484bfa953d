package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.dispatch.access.Person;
import qihu.dispatch.access.Role;
import qihu.dispatch.sla.SlaTimers;
import qihu.dispatch.task.ClaimTimeouts;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.web.CaseController.CaseHistory;
import qihu.dispatch.web.CaseController.Transition;
import qihu.dispatch.web.TaskController.Involvement;
import qihu.dispatch.web.TaskController.TaskView;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.SlaColour;
import qihu.events.SlaEscalated;
import qihu.events.SlaWarningRaised;
import qihu.events.TaskAssigned;
import qihu.events.TaskAssistantsAdded;
import qihu.events.TaskClaimTimedOut;
import qihu.events.TaskExtensionApproved;
import qihu.events.TaskExtensionRefused;
import qihu.events.TaskExtensionRequested;
import qihu.events.TaskOpinionGiven;
import qihu.events.TaskPaused;
import qihu.events.TaskResumed;
import qihu.events.Topics;
import qihu.support.testing.MovableClock;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;
import reactor.core.publisher.Flux;

/**
 * The lifecycle beyond claim and resolve, through the HTTP API and the real topic, under a moved clock: pause and
 * resume, extensions, the claim timeout to the fallback board, co-handling, the case history.
 */
@QihuServiceTest
@Import(MovableClock.class)
// The pollers stay out of the way; the tests fire the timers themselves, at the times they choose.
@TestPropertySource(properties = "qihu.dispatch.sla.poll-interval=1h")
class TaskLifeTest extends ServiceTestSupport {

    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int BATCH = 100;
    private static final Person HANDLER = People.YIWU_ESC_HANDLER;
    private static final Person DONGYANG_SUPERVISOR = People.person("dongyang.supervisor", "330783", Role.SUPERVISOR);

    @Autowired
    WebTestClient http;

    @Autowired
    MovableClock clock;

    @Autowired
    SlaTimers slaTimers;

    @Autowired
    ClaimTimeouts claimTimeouts;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        clock.set("2026-11-23T10:00:00+08:00");
    }

    @Test
    void aPausedTaskChangesNoColourAndItsResumeMovesTheDeadlineByTheWorkingDaysPaused() {
        // Received Monday 23 November: yellow after Wednesday, due at the end of Thursday 26th.
        Task task = assignedTask(CaseOpenedBuilder.aCase("pause").receivedAt("2026-11-23T10:00:00+08:00"));
        isProblem(post(HANDLER, task, "pause", Map.of("reason", "等待企业补充材料")), HttpStatus.CONFLICT);
        ok(post(HANDLER, task, "claim", Map.of()));
        clock.set("2026-11-23T11:00:00+08:00");

        TaskView paused = ok(post(HANDLER, task, "pause", Map.of("reason", "等待企业补充消防设计图纸")));

        assertThat(paused.status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(paused.pausedAt()).isEqualTo(instant("2026-11-23T11:00:00+08:00"));
        // Past the old warning point and deadline: nothing fires while paused.
        clock.set("2026-11-27T10:00:00+08:00");
        fireTimers();
        assertThat(stored(task).slaColour()).isEqualTo(SlaColour.GREEN);
        isProblem(post(HANDLER, task, "resolve", Map.of("reply", "已办结")), HttpStatus.CONFLICT);

        // Resumed on Thursday 26th: Tuesday, Wednesday and Thursday were paused.
        clock.set("2026-11-26T10:00:00+08:00");
        TaskView resumed = ok(post(HANDLER, task, "resume", Map.of()));

        assertThat(resumed.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(resumed.pausedDays()).isEqualTo(3);
        assertThat(resumed.pausedAt()).isNull();
        assertThat(resumed.dueAt()).isEqualTo(instant("2026-12-01T23:59:59+08:00"));
        assertThat(resumed.slaColour()).isEqualTo(SlaColour.GREEN);
        // The warning point moved by the same three days: from the end of Wednesday 25th to the end of Monday 30th.
        clock.set("2026-11-30T23:59:58+08:00");
        fireTimers();
        assertThat(stored(task).slaColour()).isEqualTo(SlaColour.GREEN);
        clock.set("2026-11-30T23:59:59+08:00");
        fireTimers();
        assertThat(stored(task).slaColour()).isEqualTo(SlaColour.YELLOW);

        List<EventEnvelope<?>> events =
                eventsOf(task.caseId(), TaskPaused.class, TaskResumed.class, SlaWarningRaised.class);
        assertThat(events)
                .extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("TaskPaused", "TaskResumed", "SlaWarningRaised");
        TaskPaused pause = (TaskPaused) events.get(0).payload();
        assertThat(pause.handler()).isEqualTo(HANDLER.subject());
        assertThat(pause.reason()).isEqualTo("等待企业补充消防设计图纸");
        TaskResumed resume = (TaskResumed) events.get(1).payload();
        assertThat(resume.pausedWorkingDays()).isEqualTo(3);
        assertThat(resume.dueAt()).isEqualTo(instant("2026-12-01T23:59:59+08:00"));
        SlaWarningRaised yellow = (SlaWarningRaised) events.get(2).payload();
        assertThat(yellow.dueAt()).isEqualTo(instant("2026-12-01T23:59:59+08:00"));
        // Turned yellow at midnight; people are told when the office opens.
        assertThat(yellow.noticeAt()).isEqualTo(instant("2026-12-01T08:30:00+08:00"));
        assertThat(stored(task).history())
                .extracting(Task.HistoryEntry::action)
                .containsSubsequence("CLAIMED", "PAUSED", "RESUMED", "SLA");
    }

    @Test
    void aSupervisorApprovesAnExtensionOfAnOverdueTaskWhichTurnsGreenAgainAndRefusesTheNext() {
        Task task = assignedTask(CaseOpenedBuilder.aCase("extension").receivedAt("2026-11-23T10:00:00+08:00"));
        ok(post(HANDLER, task, "claim", Map.of()));
        clock.set("2026-11-27T09:00:00+08:00");
        fireTimers();
        fireTimers();
        assertThat(stored(task).slaColour()).isEqualTo(SlaColour.RED);

        ok(post(HANDLER, task, "extension", Map.of("workingDays", 3, "reason", "需市级部门会商")));
        isProblem(post(HANDLER, task, "extension", Map.of("workingDays", 1, "reason", "再加一天")), HttpStatus.CONFLICT);
        isProblem(post(HANDLER, task, "extension/approve", Map.of()), HttpStatus.FORBIDDEN);
        isProblem(post(DONGYANG_SUPERVISOR, task, "extension/approve", Map.of()), HttpStatus.NOT_FOUND);
        assertThat(stored(task).extension().workingDays()).isEqualTo(3);

        TaskView approved = ok(post(People.YIWU_SUPERVISOR, task, "extension/approve", Map.of()));

        // Six working days from Monday 23rd: due Tuesday 1 December; yellow from the end of Monday 30th.
        assertThat(approved.dueAt()).isEqualTo(instant("2026-12-01T23:59:59+08:00"));
        assertThat(approved.extensionDays()).isEqualTo(3);
        assertThat(approved.extension()).isNull();
        assertThat(approved.slaColour()).isEqualTo(SlaColour.GREEN);
        assertThat(stored(task).slaNextAt()).isEqualTo(instant("2026-11-30T23:59:59+08:00"));

        ok(post(HANDLER, task, "extension", Map.of("workingDays", 2, "reason", "仍需会商")));
        TaskView refused = ok(post(People.YIWU_SUPERVISOR, task, "extension/refuse", Map.of("reason", "时限内可办结")));
        assertThat(refused.extension()).isNull();
        assertThat(refused.dueAt()).isEqualTo(instant("2026-12-01T23:59:59+08:00"));
        isProblem(post(People.YIWU_SUPERVISOR, task, "extension/refuse", Map.of("reason", "r")), HttpStatus.CONFLICT);

        List<EventEnvelope<?>> events = eventsOf(
                task.caseId(),
                SlaWarningRaised.class,
                SlaEscalated.class,
                TaskExtensionRequested.class,
                TaskExtensionApproved.class,
                TaskExtensionRefused.class);
        assertThat(events)
                .extracting(e -> e.payload() instanceof SlaWarningRaised w
                        ? w.colour().name()
                        : e.payload().getClass().getSimpleName())
                .containsExactly(
                        "YELLOW",
                        "RED",
                        "SlaEscalated",
                        "TaskExtensionRequested",
                        "TaskExtensionApproved",
                        "GREEN",
                        "TaskExtensionRequested",
                        "TaskExtensionRefused");
        // Red and escalated at the end of Thursday night; the supervisors are told on Friday at 08:30.
        assertThat(((SlaEscalated) events.get(2).payload()).noticeAt()).isEqualTo(instant("2026-11-27T08:30:00+08:00"));
        assertThat(((SlaWarningRaised) events.get(1).payload()).noticeAt())
                .isEqualTo(instant("2026-11-27T08:30:00+08:00"));
        TaskExtensionApproved approval = (TaskExtensionApproved) events.get(4).payload();
        assertThat(approval.supervisor()).isEqualTo(People.YIWU_SUPERVISOR.subject());
        assertThat(approval.workingDays()).isEqualTo(3);
        assertThat(approval.dueAt()).isEqualTo(instant("2026-12-01T23:59:59+08:00"));
        // Green again during working hours: told at once.
        assertThat(((SlaWarningRaised) events.get(5).payload()).noticeAt())
                .isEqualTo(instant("2026-11-27T09:00:00+08:00"));
        assertThat(((TaskExtensionRefused) events.get(7).payload()).reason()).isEqualTo("时限内可办结");
        assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aTaskNobodyClaimsGoesToTheFallbackDepartmentOnceWhateverTheNumberOfPollers() {
        // A Yiwu township's appeal, assigned Monday 10:00: to be claimed within four working hours.
        Task task = assignedTask(CaseOpenedBuilder.aCase("fallback").inRegion("330782001"));
        assertThat(task.departmentId()).isEqualTo("330782001-svc");
        assertThat(task.claimDueAt()).isEqualTo(instant("2026-11-23T14:00:00+08:00"));

        assertThat(claimTimeouts
                        .fireDue(instant("2026-11-23T13:59:59+08:00"), BATCH)
                        .block())
                .isZero();
        clock.set("2026-11-23T14:00:00+08:00");
        Flux.merge(
                        claimTimeouts.fireDue(clock.instant(), BATCH),
                        claimTimeouts.fireDue(clock.instant(), BATCH),
                        claimTimeouts.fireDue(clock.instant(), BATCH))
                .blockLast();

        Task fallback = stored(task);
        assertThat(fallback.departmentId()).isEqualTo("330782-esc");
        assertThat(fallback.status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(fallback.assignment()).isEqualTo(2);
        assertThat(fallback.dueAt()).isEqualTo(task.dueAt());
        // Again four working hours: 3.5 on Monday until 17:30, half an hour on Tuesday.
        assertThat(fallback.claimDueAt()).isEqualTo(instant("2026-11-24T09:00:00+08:00"));
        assertThat(fallback.history()).extracting(Task.HistoryEntry::action).contains("CLAIM_TIMED_OUT");

        ok(post(HANDLER, task, "claim", Map.of()));
        assertThat(stored(task).claimDueAt()).isNull();
        clock.set("2026-11-24T10:00:00+08:00");
        assertThat(claimTimeouts.fireDue(clock.instant(), BATCH).block()).isZero();

        List<EventEnvelope<?>> events = eventsOf(task.caseId(), TaskAssigned.class, TaskClaimTimedOut.class);
        assertThat(events)
                .extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("TaskAssigned", "TaskClaimTimedOut", "TaskAssigned");
        TaskClaimTimedOut timedOut = (TaskClaimTimedOut) events.get(1).payload();
        assertThat(timedOut.departmentId()).isEqualTo("330782001-svc");
        assertThat(timedOut.fallbackDepartmentId()).isEqualTo("330782-esc");
        assertThat(timedOut.claimDueAt()).isEqualTo(instant("2026-11-23T14:00:00+08:00"));
        assertThat(((TaskAssigned) events.get(2).payload()).departmentId()).isEqualTo("330782-esc");
    }

    @Test
    void assistingDepartmentsSeeTheCaseAndGiveOpinionsButOnlyTheLeadResolves() {
        Task task = assignedTask(CaseOpenedBuilder.aCase("co-handling"));

        TaskView lead = ok(post(
                HANDLER,
                task,
                "assistants",
                Map.of("departmentIds", List.of("330782-drb", "330783-esc"), "reason", "涉及项目审批和东阳生产基地")));
        assertThat(lead.assistants())
                .extracting(Task.Assistant::departmentId)
                .containsExactly("330782-drb", "330783-esc");
        assertThat(lead.role()).isEqualTo(Involvement.LEAD);
        isProblem(
                post(HANDLER, task, "assistants", Map.of("departmentIds", List.of("330782-drb"), "reason", "再次")),
                HttpStatus.CONFLICT);

        for (Person assisting : List.of(People.YIWU_DRB_HANDLER, People.DONGYANG_HANDLER)) {
            List<TaskView> listed = as(assisting)
                    .get()
                    .uri("/api/v1/tasks")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBodyList(TaskView.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(listed)
                    .filteredOn(v -> v.taskId().equals(task.taskId()))
                    .singleElement()
                    .satisfies(v -> assertThat(v.role()).isEqualTo(Involvement.ASSISTING));
        }
        isProblem(post(People.YIWU_DRB_HANDLER, task, "claim", Map.of()), HttpStatus.FORBIDDEN);
        isProblem(post(HANDLER, task, "opinion", Map.of("opinion", "主办意见")), HttpStatus.FORBIDDEN);
        isProblem(post(People.CHOUCHENG_HANDLER, task, "opinion", Map.of("opinion", "x")), HttpStatus.NOT_FOUND);
        ok(post(People.YIWU_DRB_HANDLER, task, "opinion", Map.of("opinion", "项目已备案，可直接验收")));
        ok(post(HANDLER, task, "claim", Map.of()));
        isProblem(post(People.YIWU_DRB_HANDLER, task, "resolve", Map.of("reply", "协办答复")), HttpStatus.FORBIDDEN);
        TaskView resolved = ok(post(HANDLER, task, "resolve", Map.of("reply", "已会同发改局办结")));

        assertThat(resolved.status()).isEqualTo(TaskStatus.RESOLVED);
        assertThat(resolved.opinions()).singleElement().satisfies(o -> {
            assertThat(o.departmentId()).isEqualTo("330782-drb");
            assertThat(o.by()).isEqualTo(People.YIWU_DRB_HANDLER.subject());
            assertThat(o.text()).isEqualTo("项目已备案，可直接验收");
        });
        List<EventEnvelope<?>> events = eventsOf(task.caseId(), TaskAssistantsAdded.class, TaskOpinionGiven.class);
        assertThat(events)
                .extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("TaskAssistantsAdded", "TaskOpinionGiven");
        assertThat(((TaskAssistantsAdded) events.get(0).payload()).assistingDepartmentIds())
                .containsExactly("330782-drb", "330783-esc");
        assertThat(((TaskOpinionGiven) events.get(1).payload()).departmentId()).isEqualTo("330782-drb");
    }

    @Test
    void theCaseHistoryListsEveryTransitionOfEveryRoundInTheCallersScope() {
        CaseOpenedBuilder newCase = CaseOpenedBuilder.aCase("history");
        Task first = assignedTask(newCase);
        ok(post(HANDLER, first, "claim", Map.of()));
        clock.set("2026-11-23T11:00:00+08:00");
        ok(post(HANDLER, first, "pause", Map.of("reason", "等待营业执照副本")));
        clock.set("2026-11-24T09:00:00+08:00");
        ok(post(HANDLER, first, "resume", Map.of()));
        ok(post(HANDLER, first, "resolve", Map.of("reply", "已办结")));
        publish(EventEnvelope.of(
                EventIds.of(EventType.CASE_REOPENED, newCase.caseId(), 2),
                clock.instant(),
                newCase.requestId(),
                new CaseReopened(newCase.caseId(), 2, "仍未解决", false)));
        String second = Task.idOf(newCase.caseId(), 2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(second, Task.class).block(), Objects::nonNull);

        CaseHistory history = as(People.YIWU_SUPERVISOR)
                .get()
                .uri("/api/v1/cases/{id}/history", newCase.caseId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(CaseHistory.class)
                .returnResult()
                .getResponseBody();

        assertThat(history.caseNumber()).isEqualTo(first.caseNumber());
        assertThat(history.transitions())
                .extracting(Transition::round, Transition::action, Transition::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "ASSIGNED", "dispatch"),
                        org.assertj.core.groups.Tuple.tuple(1, "CLAIMED", HANDLER.subject()),
                        org.assertj.core.groups.Tuple.tuple(1, "PAUSED", HANDLER.subject()),
                        org.assertj.core.groups.Tuple.tuple(1, "RESUMED", HANDLER.subject()),
                        org.assertj.core.groups.Tuple.tuple(1, "RESOLVED", HANDLER.subject()),
                        org.assertj.core.groups.Tuple.tuple(2, "ASSIGNED", "dispatch"));
        assertThat(history.transitions().get(2).note()).isEqualTo("等待营业执照副本");
        assertThat(history.transitions().get(2).at()).isEqualTo(instant("2026-11-23T11:00:00+08:00"));
        for (Person outside : List.of(People.CHOUCHENG_HANDLER, People.DONGYANG_HANDLER)) {
            isProblem(
                    as(outside)
                            .get()
                            .uri("/api/v1/cases/{id}/history", newCase.caseId())
                            .exchange(),
                    HttpStatus.NOT_FOUND);
        }
        isProblem(http.get().uri("/api/v1/cases/{id}/history", newCase.caseId()).exchange(), HttpStatus.UNAUTHORIZED);
    }

    private void fireTimers() {
        slaTimers.fireDue(clock.instant(), BATCH).block();
    }

    private WebTestClient as(Person who) {
        return TestIssuer.signedIn(http, who);
    }

    private WebTestClient.ResponseSpec post(Person who, Task task, String action, Map<String, ?> body) {
        return as(who).post()
                .uri("/api/v1/tasks/" + task.taskId() + "/" + action)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static TaskView ok(WebTestClient.ResponseSpec response) {
        return response.expectStatus()
                .isOk()
                .expectBody(TaskView.class)
                .returnResult()
                .getResponseBody();
    }

    private Task assignedTask(CaseOpenedBuilder newCase) {
        publish(newCase.event());
        String taskId = Task.idOf(newCase.caseId(), 1);
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(taskId, Task.class).block(), Objects::nonNull);
    }

    private Task stored(Task task) {
        return mongo.findById(task.taskId(), Task.class).block();
    }

    @SafeVarargs
    private List<EventEnvelope<?>> eventsOf(String caseId, Class<?>... types) {
        return eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(caseId))
                .filter(e -> List.of(types).contains(e.payload().getClass()))
                .toList();
    }

    private static Instant instant(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }
}

package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.dispatch.CaseOpenedBuilder.aCase;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.dispatch.access.Person;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.web.TaskController.TaskView;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.Complexity;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.OwnerLevel;
import qihu.events.SlaEscalated;
import qihu.events.SlaWarningRaised;
import qihu.events.TaskAssigned;
import qihu.events.TaskClaimed;
import qihu.events.TaskResolved;
import qihu.events.Topics;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** Dispatch driven through its input topics and its task API; what it decides is read from the store and its topic. */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class TaskDispatchTest extends ServiceTestSupport {

    private static final Duration QUIET = Duration.ofSeconds(3);
    /** Two handlers of 义乌市企业综合服务中心, where the default case goes. */
    private static final Person LI = People.handler("handler-li", "330782-esc", "330782");

    private static final Person WANG = People.handler("handler-wang", "330782-esc", "330782");
    /** Sees every task of Jinhua, wherever a case is routed. */
    private static final Person READER = People.JINHUA_LEADER;

    private static final String REPLY = "已协调消防救援大队于11月24日完成现场验收，验收意见书已寄出。";

    @Autowired
    WebTestClient http;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    static List<Arguments> newCases() {
        return List.of(
                Arguments.of(
                        "general appeal from Yiwu received on a Friday",
                        aCase("yiwu-appeal")
                                .inRegion("330782")
                                .onBoard("APPEAL")
                                .receivedAt("2026-11-20T09:30:00+08:00"),
                        "330782-esc",
                        "义乌市企业综合服务中心",
                        OwnerLevel.COUNTY,
                        3,
                        "2026-11-25T23:59:59+08:00"),
                Arguments.of(
                        "Yiwu project over the Spring Festival, Saturday 14 February being a make-up working day",
                        aCase("yiwu-project")
                                .inRegion("330782")
                                .onBoard("PROJECT")
                                .receivedAt("2026-02-13T10:15:00+08:00"),
                        "330782-drb",
                        "义乌市发展和改革局",
                        OwnerLevel.COUNTY,
                        3,
                        "2026-02-25T23:59:59+08:00"),
                Arguments.of(
                        "complex appeal of a Yiwu street over the National Day holiday",
                        aCase("choucheng")
                                .inRegion("330782001")
                                .onBoard("APPEAL")
                                .complexity(Complexity.COMPLEX)
                                .receivedAt("2026-09-30T16:00:00+08:00"),
                        "330782001-svc",
                        "义乌市稠城街道便民服务中心",
                        OwnerLevel.TOWNSHIP,
                        7,
                        "2026-10-15T23:59:59+08:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newCases")
    void aNewCaseGetsATaskForTheDepartmentServingItsBoardDueByTheWorkingDayCalendar(
            String why,
            CaseOpenedBuilder newCase,
            String departmentId,
            String departmentName,
            OwnerLevel level,
            int workingDays,
            String dueAt) {
        EventEnvelope<CaseOpened> opened = newCase.event();
        Instant due = OffsetDateTime.parse(dueAt).toInstant();

        publish(opened);

        String taskId = awaitTask(newCase.caseId(), 1).taskId();
        TaskView task = getTask(taskId);
        assertThat(task.status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(task.round()).isEqualTo(1);
        assertThat(task.caseNumber()).isEqualTo(opened.payload().caseNumber());
        assertThat(task.departmentId()).isEqualTo(departmentId);
        assertThat(task.departmentName()).isEqualTo(departmentName);
        assertThat(task.level()).isEqualTo(level);
        assertThat(task.workingDays()).isEqualTo(workingDays);
        assertThat(task.dueAt()).isEqualTo(due);

        List<EventEnvelope<?>> events = eventsOfCase(newCase.caseId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).eventId()).isEqualTo(EventIds.of(EventType.TASK_ASSIGNED, taskId, 1));
        assertThat(events.get(0).correlationId()).isEqualTo(opened.correlationId());
        TaskAssigned assigned = (TaskAssigned) events.get(0).payload();
        assertThat(assigned.taskId()).isEqualTo(taskId);
        assertThat(assigned.departmentId()).isEqualTo(departmentId);
        assertThat(assigned.departmentName()).isEqualTo(departmentName);
        assertThat(assigned.level()).isEqualTo(level);
        assertThat(assigned.workingDays()).isEqualTo(workingDays);
        assertThat(assigned.dueAt()).isEqualTo(due);
    }

    @Test
    void aRedeliveredCaseOpenedCreatesNoSecondTaskAndNoSecondEvent() {
        CaseOpenedBuilder newCase = aCase("redelivered");
        EventEnvelope<CaseOpened> opened = newCase.event();

        publish(opened, opened);

        awaitTask(newCase.caseId(), 1);
        List<EventEnvelope<?>> events = eventsOfCase(newCase.caseId());
        assertThat(tasksOf(newCase.caseId())).extracting(Task::taskId).containsExactly(Task.idOf(newCase.caseId(), 1));
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("task.assigned");
    }

    @ParameterizedTest(name = "received {0}: on time = {1}")
    @CsvSource({
        // Due Wednesday 2026-11-25; the service's clock reads Monday 2026-11-23.
        "2026-11-20T09:30:00+08:00, true",
        // Due Friday 2026-11-13.
        "2026-11-10T09:30:00+08:00, false"
    })
    void aHandlerClaimsThenResolvesTheTaskAndBothArePublished(String receivedAt, boolean onTime) {
        CaseOpenedBuilder newCase = aCase("claim-resolve").receivedAt(receivedAt);
        EventEnvelope<CaseOpened> opened = newCase.event();
        publish(opened);
        Task assignedTask = awaitTask(newCase.caseId(), 1);
        String taskId = assignedTask.taskId();

        TaskView claimed = claim(LI, taskId, Map.of())
                .expectStatus()
                .isOk()
                .expectBody(TaskView.class)
                .returnResult()
                .getResponseBody();
        TaskView resolved = resolve(LI, taskId, Map.of("reply", "  " + REPLY + "\n"))
                .expectStatus()
                .isOk()
                .expectBody(TaskView.class)
                .returnResult()
                .getResponseBody();

        assertThat(claimed.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(claimed.claimedBy()).isEqualTo(LI.subject());
        assertThat(resolved.status()).isEqualTo(TaskStatus.RESOLVED);
        assertThat(resolved.reply()).isEqualTo(REPLY);
        assertThat(resolved.history())
                .extracting(Task.HistoryEntry::action)
                // An overdue task also gets its SLA colour changes in the history, whenever the poller runs.
                .filteredOn(action -> !action.equals("SLA"))
                .containsExactly("ASSIGNED", "CLAIMED", "RESOLVED");
        assertThat(getTask(taskId).status()).isEqualTo(TaskStatus.RESOLVED);

        List<EventEnvelope<?>> events = eventsOfCase(newCase.caseId());
        assertThat(events)
                .extracting(EventEnvelope::eventType)
                .containsExactly("task.assigned", "task.claimed", "task.resolved");
        assertThat(events).extracting(EventEnvelope::correlationId).containsOnly(opened.correlationId());
        assertThat(events.get(1).eventId()).isEqualTo(EventIds.of(EventType.TASK_CLAIMED, taskId));
        assertThat(events.get(2).eventId()).isEqualTo(EventIds.of(EventType.TASK_RESOLVED, taskId));
        TaskClaimed claimEvent = (TaskClaimed) events.get(1).payload();
        assertThat(claimEvent.handler()).isEqualTo(LI.subject());
        assertThat(claimEvent.departmentId()).isEqualTo(assignedTask.departmentId());
        TaskResolved resolveEvent = (TaskResolved) events.get(2).payload();
        assertThat(resolveEvent.taskId()).isEqualTo(taskId);
        assertThat(resolveEvent.round()).isEqualTo(1);
        assertThat(resolveEvent.handler()).isEqualTo(LI.subject());
        assertThat(resolveEvent.reply()).isEqualTo(REPLY);
        assertThat(resolveEvent.dueAt()).isEqualTo(assignedTask.dueAt());
        assertThat(resolveEvent.resolvedAt())
                .isBetween(WorkingWeekClock.START, WorkingWeekClock.START.plusSeconds(600));
        assertThat(resolveEvent.onTime()).isEqualTo(onTime);
    }

    @Test
    void claimingATaskSomeoneElseClaimedIsAConflictAndChangesNothing() {
        String taskId = assignedTask("claimed-twice");
        claim(LI, taskId, Map.of()).expectStatus().isOk();

        isProblem(claim(WANG, taskId, Map.of()), HttpStatus.CONFLICT);

        Task task = storedTask(taskId);
        assertThat(task.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(task.claimedBy()).isEqualTo(LI.subject());
        assertThat(task.history()).hasSize(2);
        assertThat(eventsOfCase(task.caseId()))
                .extracting(EventEnvelope::eventType)
                .containsExactly("task.assigned", "task.claimed");
    }

    @Test
    void resolvingATaskAnotherHandlerClaimedIsAConflictAndChangesNothing() {
        String taskId = assignedTask("resolved-by-other");
        claim(LI, taskId, Map.of()).expectStatus().isOk();

        isProblem(resolve(WANG, taskId, Map.of("reply", REPLY)), HttpStatus.CONFLICT);

        Task task = storedTask(taskId);
        assertThat(task.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(task.claimedBy()).isEqualTo(LI.subject());
        assertThat(task.reply()).isNull();
        assertThat(task.history()).hasSize(2);
        assertThat(task.outbox()).isEmpty();
    }

    @Test
    void theSignedInPersonIsRecordedWhicheverHandlerTheBodyNames() {
        String taskId = assignedTask("body-names-another");

        claim(LI, taskId, Map.of("handler", WANG.subject())).expectStatus().isOk();

        Task task = storedTask(taskId);
        assertThat(task.claimedBy()).isEqualTo(LI.subject());
        assertThat(task.history().get(1).by()).isEqualTo(LI.subject());
        TaskClaimed claimed = (TaskClaimed) eventsOfCase(task.caseId()).get(1).payload();
        assertThat(claimed.handler()).isEqualTo(LI.subject());
    }

    @Test
    void resolvingATaskNobodyClaimedIsAConflict() {
        String taskId = assignedTask("resolved-unclaimed");

        isProblem(resolve(LI, taskId, Map.of("reply", REPLY)), HttpStatus.CONFLICT);

        Task task = storedTask(taskId);
        assertThat(task.status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(task.history()).hasSize(1);
    }

    static List<Arguments> callsOnAnUnknownTask() {
        return List.of(
                Arguments.of("look at it", "GET", "", Map.of()),
                Arguments.of("claim it", "POST", "/claim", Map.of()),
                Arguments.of("resolve it", "POST", "/resolve", Map.of("reply", REPLY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsOnAnUnknownTask")
    void anUnknownTaskIsNotFound(String why, String method, String action, Map<String, Object> body) {
        String taskId = "case-never-opened-r1";
        WebTestClient.ResponseSpec response = method.equals("GET")
                ? as(READER).get().uri("/api/v1/tasks/{id}", taskId).exchange()
                : post(LI, "/api/v1/tasks/" + taskId + action, body);

        isProblem(response, HttpStatus.NOT_FOUND)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(taskId));
        assertThat(tasksOf("case-never-opened")).isEmpty();
    }

    static List<Arguments> badCommands() {
        return List.of(
                Arguments.of("claim by a blank handler", "claim", body("handler", "   "), "handler"),
                Arguments.of(
                        "claim by a handler of 65 characters", "claim", body("handler", "h".repeat(65)), "handler"),
                Arguments.of("claim by a handler that is a list", "claim", body("handler", List.of("li")), "handler"),
                Arguments.of("resolve without a reply", "resolve", body("handler", "li"), "reply"),
                Arguments.of("resolve with a blank reply", "resolve", body("handler", "li", "reply", " \n "), "reply"),
                Arguments.of(
                        "resolve with a reply of 4001 characters",
                        "resolve",
                        body("handler", "li", "reply", "答".repeat(4001)),
                        "reply"),
                Arguments.of("resolve by a blank handler", "resolve", body("handler", " ", "reply", REPLY), "handler"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommands")
    void badInputIsAProblemNamingTheFieldAndTheTaskIsUnchanged(
            String why, String action, Map<String, Object> body, String field) {
        String taskId = assignedTask("bad-" + action);
        if (action.equals("resolve")) {
            claim(LI, taskId, Map.of()).expectStatus().isOk();
        }
        Task before = storedTask(taskId);

        isProblem(post(LI, "/api/v1/tasks/" + taskId + "/" + action, body), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field));

        Task after = storedTask(taskId);
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.claimedBy()).isEqualTo(before.claimedBy());
        assertThat(after.reply()).isNull();
        assertThat(after.history()).hasSameSizeAs(before.history());
        assertThat(after.outbox()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}, escalate={2} → {4}")
    @CsvSource({
        "330782,    APPEAL,  false, 330782-esc,    义乌市企业综合服务中心,     COUNTY",
        "330782,    APPEAL,  true,  jh-esc,        金华市企业综合服务中心,     CITY",
        "330782001, APPEAL,  false, 330782001-svc, 义乌市稠城街道便民服务中心, TOWNSHIP",
        "330782001, APPEAL,  true,  330782-esc,    义乌市企业综合服务中心,     COUNTY",
        "330782,    PROJECT, true,  jh-drc,        金华市发展和改革委员会,     CITY",
    })
    void aReopenedCaseGetsTheNextRoundFromTheSameDepartmentOrOneLevelUpWhenEscalated(
            String regionCode,
            String board,
            boolean escalate,
            String departmentId,
            String departmentName,
            OwnerLevel level) {
        CaseOpenedBuilder newCase = aCase("reopened").inRegion(regionCode).onBoard(board);
        EventEnvelope<CaseOpened> opened = newCase.event();
        publish(opened);
        Task first = awaitTask(newCase.caseId(), 1);
        // Reopened Thursday 2026-11-26: three working days are Friday, Monday and Tuesday 1 December.
        EventEnvelope<CaseReopened> reopened = EventEnvelope.of(
                EventIds.of(EventType.CASE_REOPENED, newCase.caseId(), 2),
                OffsetDateTime.parse("2026-11-26T10:00:00+08:00").toInstant(),
                opened.correlationId(),
                new CaseReopened(newCase.caseId(), 2, "验收意见书仍未收到", escalate));

        publish(reopened, reopened);

        Task second = awaitTask(newCase.caseId(), 2);
        assertThat(second.taskId()).isEqualTo(newCase.caseId() + "-r2");
        assertThat(second.status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(second.caseNumber()).isEqualTo(first.caseNumber());
        assertThat(second.title()).isEqualTo(first.title());
        assertThat(second.departmentId()).isEqualTo(departmentId);
        assertThat(second.departmentName()).isEqualTo(departmentName);
        assertThat(second.level()).isEqualTo(level);
        assertThat(second.dueAt())
                .isEqualTo(OffsetDateTime.parse("2026-12-01T23:59:59+08:00").toInstant());
        if (!escalate) {
            assertThat(second.departmentId()).isEqualTo(first.departmentId());
        }
        assertThat(listTasksOfCase(newCase.caseId()))
                .extracting(TaskView::taskId)
                .containsExactlyInAnyOrder(first.taskId(), second.taskId());

        List<TaskAssigned> assigned = eventsOfCase(newCase.caseId()).stream()
                .filter(e -> e.payload() instanceof TaskAssigned)
                .map(e -> (TaskAssigned) e.payload())
                .toList();
        assertThat(assigned).extracting(TaskAssigned::round).containsExactly(1, 2);
        assertThat(assigned.get(1).departmentId()).isEqualTo(departmentId);
        assertThat(assigned.get(1).level()).isEqualTo(level);
    }

    private String assignedTask(String label) {
        CaseOpenedBuilder newCase = aCase(label);
        publish(newCase.event());
        return awaitTask(newCase.caseId(), 1).taskId();
    }

    private Task awaitTask(String caseId, int round) {
        String taskId = Task.idOf(caseId, round);
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(taskId, Task.class).block(), Objects::nonNull);
    }

    private Task storedTask(String taskId) {
        return mongo.findById(taskId, Task.class).block();
    }

    private List<Task> tasksOf(String caseId) {
        return mongo.findAll(Task.class)
                .filter(t -> t.caseId().equals(caseId))
                .collectList()
                .block();
    }

    private TaskView getTask(String taskId) {
        return as(READER)
                .get()
                .uri("/api/v1/tasks/{id}", taskId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(TaskView.class)
                .returnResult()
                .getResponseBody();
    }

    private List<TaskView> listTasksOfCase(String caseId) {
        return as(READER)
                .get()
                .uri(uri ->
                        uri.path("/api/v1/tasks").queryParam("caseId", caseId).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(TaskView.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec claim(Person who, String taskId, Map<String, Object> body) {
        return post(who, "/api/v1/tasks/" + taskId + "/claim", body);
    }

    private WebTestClient.ResponseSpec resolve(Person who, String taskId, Map<String, Object> body) {
        return post(who, "/api/v1/tasks/" + taskId + "/resolve", body);
    }

    private WebTestClient as(Person who) {
        return TestIssuer.signedIn(http, who);
    }

    private WebTestClient.ResponseSpec post(Person who, String path, Map<String, Object> body) {
        return as(who).post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private List<EventEnvelope<?>> eventsOfCase(String caseId) {
        return eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(caseId))
                .filter(e -> !(e.payload() instanceof CaseReopened))
                // The SLA timers run here too; their events are SlaTimersTest's business.
                .filter(e -> !(e.payload() instanceof SlaWarningRaised || e.payload() instanceof SlaEscalated))
                .toList();
    }

    /** A JSON object with the given fields; a null value leaves the field out. */
    private static Map<String, Object> body(Object... fieldsAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                body.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return body;
    }
}

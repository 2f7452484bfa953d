package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.dispatch.access.Person;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.events.EventEnvelope;
import qihu.events.TaskAssigned;
import qihu.events.TaskReturned;
import qihu.events.Topics;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** 退回 and 转办: a returned task goes on without the department that returned it; the deadline does not move. */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class ReturnAndTransferTest extends ServiceTestSupport {

    private static final Duration QUIET = Duration.ofSeconds(3);

    @Autowired
    WebTestClient http;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @Test
    void aReturnedTaskGoesToTheNextDepartmentAndAfterTheSecondReturnWaitsForAPerson() {
        Task first = assignedTask(
                CaseOpenedBuilder.aCase("return").inRegion("330782001").onBoard("APPEAL"));
        assertThat(first.departmentId()).isEqualTo("330782001-svc");

        post(People.CHOUCHENG_HANDLER, first.taskId(), "return", Map.of("reason", "涉及消防验收，非街道职权"))
                .expectStatus()
                .isOk();
        Task second = task(first.taskId());
        assertThat(second.status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(second.departmentId()).isEqualTo("330782-esc");
        assertThat(second.dueAt()).isEqualTo(first.dueAt());
        assertThat(second.returnedBy()).containsExactly("330782001-svc");

        post(People.YIWU_ESC_HANDLER, first.taskId(), "return", Map.of("reason", "应由市级部门牵头"))
                .expectStatus()
                .isOk();
        assertThat(task(first.taskId()).status()).isEqualTo(TaskStatus.UNROUTED);
        as(People.YIWU_SUPERVISOR)
                .get()
                .uri("/api/v1/tasks?status=UNROUTED")
                .exchange()
                .expectBody()
                .jsonPath("$[0].taskId")
                .isEqualTo(first.taskId());

        List<EventEnvelope<?>> events = eventsOf(first.caseId());
        assertThat(events)
                .extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("TaskAssigned", "TaskReturned", "TaskAssigned", "TaskReturned");
        assertThat(((TaskReturned) events.get(1).payload()).reason()).isEqualTo("涉及消防验收，非街道职权");
        assertThat(((TaskAssigned) events.get(2).payload()).departmentId()).isEqualTo("330782-esc");
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(2).eventId());
    }

    @Test
    void aSupervisorTransfersATaskUpToTheCityAndIsRecordedAsWhoDidIt() {
        Task task = assignedTask(
                CaseOpenedBuilder.aCase("transfer").inRegion("330782").onBoard("APPEAL"));

        post(People.YIWU_SUPERVISOR, task.taskId(), "transfer", Map.of("toDepartmentId", "jh-esc", "reason", "跨县问题"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.departmentName")
                .isEqualTo("金华市企业综合服务中心")
                .jsonPath("$.status")
                .isEqualTo("ASSIGNED");
        assertThat(task(task.taskId()).history())
                .anySatisfy(h -> assertThat(h.action()).isEqualTo("TRANSFERRED"))
                .anySatisfy(h -> assertThat(h.by()).isEqualTo(People.YIWU_SUPERVISOR.subject()));
    }

    @Test
    void badReturnsAndTransfersAreProblemsAndChangeNothing() {
        Task task = assignedTask(CaseOpenedBuilder.aCase("bad-return"));

        isProblem(
                        post(People.YIWU_ESC_HANDLER, task.taskId(), "return", Map.of("handler", "x")),
                        HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        isProblem(
                        post(
                                People.YIWU_SUPERVISOR,
                                task.taskId(),
                                "transfer",
                                Map.of("toDepartmentId", "nowhere", "reason", "r")),
                        HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("toDepartmentId");
        isProblem(
                post(
                        People.YIWU_SUPERVISOR,
                        task.taskId(),
                        "transfer",
                        Map.of("toDepartmentId", task.departmentId(), "reason", "r")),
                HttpStatus.CONFLICT);
        isProblem(
                post(People.YIWU_ESC_HANDLER, "case-nothing-r1", "return", Map.of("reason", "r")),
                HttpStatus.NOT_FOUND);

        Task unchanged = task(task.taskId());
        assertThat(unchanged.assignment()).isEqualTo(1);
        assertThat(unchanged.departmentId()).isEqualTo(task.departmentId());
    }

    private WebTestClient as(Person who) {
        return TestIssuer.signedIn(http, who);
    }

    private WebTestClient.ResponseSpec post(Person who, String taskId, String action, Map<String, String> body) {
        return as(who).post()
                .uri("/api/v1/tasks/{id}/{action}", taskId, action)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Task assignedTask(CaseOpenedBuilder newCase) {
        publish(newCase.event());
        String taskId = Task.idOf(newCase.caseId(), 1);
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(taskId, Task.class).block(), Objects::nonNull);
    }

    private Task task(String taskId) {
        return mongo.findById(taskId, Task.class).block();
    }

    private List<EventEnvelope<?>> eventsOf(String caseId) {
        return eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(caseId))
                .filter(e -> e.payload() instanceof TaskAssigned || e.payload() instanceof TaskReturned)
                .toList();
    }
}

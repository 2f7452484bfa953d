package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.dispatch.TestIssuer.signedIn;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.calendar.WorkingDayCalendar;
import qihu.dispatch.TestIssuer.BadToken;
import qihu.dispatch.access.Person;
import qihu.dispatch.access.Role;
import qihu.dispatch.calendar.CalendarAudit;
import qihu.dispatch.calendar.CalendarHolder;
import qihu.dispatch.calendar.StoredYear;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.web.TaskController.TaskView;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * Who may do what to which task: every task endpoint × the demo people (and no token, and a bad one) × a task in Yiwu's
 * 企业综合服务中心 (own), in a Yiwu township, in Dongyang (Yiwu's sibling county) and in the city of Jinhua (Yiwu's
 * parent). A refused call changes nothing; an allowed one is recorded under the signed-in person.
 */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class AccessMatrixTest extends ServiceTestSupport {

    /** Where a task sits, as seen from Yiwu; each with a department to transfer it to within its own county. */
    enum Place {
        OWN("330782", "330782-esc", "330782-drb"),
        TOWNSHIP("330782001", "330782001-svc", "330782-esc"),
        SIBLING("330783", "330783-esc", "330783001-svc"),
        CITY("330700", "jh-esc", "jh-drc");

        final String region;
        final String department;
        final String transferTo;

        Place(String region, String department, String transferTo) {
            this.region = region;
            this.department = department;
            this.transferTo = transferTo;
        }
    }

    /** The calls on one task; {@code path} after {@code /api/v1/tasks/{id}}. */
    enum Call {
        READ(null, null),
        CLAIM("/claim", "CLAIMED"),
        RESOLVE("/resolve", "RESOLVED"),
        RETURN("/return", "RETURNED"),
        TRANSFER("/transfer", "TRANSFERRED"),
        PAUSE("/pause", "PAUSED"),
        RESUME("/resume", "RESUMED"),
        EXTENSION("/extension", "EXTENSION_REQUESTED"),
        APPROVE("/extension/approve", "EXTENSION_APPROVED"),
        REFUSE("/extension/refuse", "EXTENSION_REFUSED"),
        ASSISTANTS("/assistants", "ASSISTANTS_ADDED"),
        /** The case history of the task's case: read like the task. */
        HISTORY(null, null);

        final String path;
        final String recordedAs;

        Call(String path, String recordedAs) {
            this.path = path;
            this.recordedAs = recordedAs;
        }
    }

    private static final String NO_TOKEN = "none";
    private static final String BAD_TOKEN = "bad";
    private static final String REPLY = "已协调办结。";

    /** One task per place, made once and never changed: every refused call is made on it. */
    private static final Map<Place, String> UNTOUCHED = new EnumMap<>(Place.class);

    @Autowired
    WebTestClient http;

    @Autowired
    CalendarHolder calendar;

    @BeforeEach
    void untouchedTasks() {
        for (Place place : Place.values()) {
            String taskId = UNTOUCHED.get(place);
            if (taskId == null || stored(taskId) == null) {
                UNTOUCHED.put(place, newTask(place, "untouched"));
            }
        }
    }

    @AfterEach
    void bundledCalendar() {
        calendar.replace(WorkingDayCalendar.bundled());
        mongo.dropCollection(StoredYear.class).block();
        mongo.dropCollection(CalendarAudit.class).block();
    }

    @ParameterizedTest(name = "{0} {1}: own {2}, township {3}, sibling county {4}, parent city {5}")
    @CsvSource({
        // A handler: their own department's tasks only.
        "yiwu.esc.handler,     READ,     200, 404, 404, 404",
        "yiwu.esc.handler,     CLAIM,    200, 404, 404, 404",
        "yiwu.esc.handler,     RESOLVE,  200, 404, 404, 404",
        "yiwu.esc.handler,     RETURN,   200, 404, 404, 404",
        "yiwu.esc.handler,     TRANSFER, 403, 403, 403, 403",
        // Another department of the same county sees nothing of the centre's.
        "yiwu.drb.handler,     READ,     404, 404, 404, 404",
        "yiwu.drb.handler,     CLAIM,    404, 404, 404, 404",
        "yiwu.drb.handler,     RESOLVE,  404, 404, 404, 404",
        "yiwu.drb.handler,     RETURN,   404, 404, 404, 404",
        "yiwu.drb.handler,     TRANSFER, 403, 403, 403, 403",
        "choucheng.handler,    READ,     404, 200, 404, 404",
        "choucheng.handler,    CLAIM,    404, 200, 404, 404",
        "choucheng.handler,    RESOLVE,  404, 200, 404, 404",
        "choucheng.handler,    RETURN,   404, 200, 404, 404",
        "choucheng.handler,    TRANSFER, 403, 403, 403, 403",
        // The sibling county's handler: only their own, which is the "sibling" task here.
        "dongyang.esc.handler, READ,     404, 404, 200, 404",
        "dongyang.esc.handler, CLAIM,    404, 404, 200, 404",
        "dongyang.esc.handler, RESOLVE,  404, 404, 200, 404",
        "dongyang.esc.handler, RETURN,   404, 404, 200, 404",
        "dongyang.esc.handler, TRANSFER, 403, 403, 403, 403",
        // A county supervisor: the county and its townships, not the sibling county, not the city.
        "yiwu.supervisor,      READ,     200, 200, 404, 404",
        "yiwu.supervisor,      CLAIM,    403, 403, 403, 403",
        "yiwu.supervisor,      RESOLVE,  403, 403, 403, 403",
        "yiwu.supervisor,      RETURN,   403, 403, 403, 403",
        "yiwu.supervisor,      TRANSFER, 200, 200, 404, 404",
        "jinhua.supervisor,    READ,     200, 200, 200, 200",
        "jinhua.supervisor,    CLAIM,    403, 403, 403, 403",
        "jinhua.supervisor,    RESOLVE,  403, 403, 403, 403",
        "jinhua.supervisor,    RETURN,   403, 403, 403, 403",
        "jinhua.supervisor,    TRANSFER, 200, 200, 200, 200",
        // A leader sees the whole city and may do nothing.
        "jinhua.leader,        READ,     200, 200, 200, 200",
        "jinhua.leader,        CLAIM,    403, 403, 403, 403",
        "jinhua.leader,        RESOLVE,  403, 403, 403, 403",
        "jinhua.leader,        RETURN,   403, 403, 403, 403",
        "jinhua.leader,        TRANSFER, 403, 403, 403, 403",
        "admin,                READ,     200, 200, 200, 200",
        "admin,                CLAIM,    200, 200, 200, 200",
        "admin,                RESOLVE,  200, 200, 200, 200",
        "admin,                RETURN,   200, 200, 200, 200",
        "admin,                TRANSFER, 200, 200, 200, 200",
        "none,                 READ,     401, 401, 401, 401",
        "none,                 CLAIM,    401, 401, 401, 401",
        "none,                 RESOLVE,  401, 401, 401, 401",
        "none,                 RETURN,   401, 401, 401, 401",
        "none,                 TRANSFER, 401, 401, 401, 401",
        "bad,                  READ,     401, 401, 401, 401",
        "bad,                  CLAIM,    401, 401, 401, 401",
        "bad,                  RESOLVE,  401, 401, 401, 401",
        "bad,                  RETURN,   401, 401, 401, 401",
        "bad,                  TRANSFER, 401, 401, 401, 401",
        // Pause, extension and co-handling: the handler's own tasks; a supervisor decides extensions in their region.
        "yiwu.esc.handler,      PAUSE,      200, 404, 404, 404",
        "yiwu.esc.handler,      RESUME,     200, 404, 404, 404",
        "yiwu.esc.handler,      EXTENSION,  200, 404, 404, 404",
        "yiwu.esc.handler,      APPROVE,    403, 403, 403, 403",
        "yiwu.esc.handler,      REFUSE,     403, 403, 403, 403",
        "yiwu.esc.handler,      ASSISTANTS, 200, 404, 404, 404",
        "yiwu.esc.handler,      HISTORY,    200, 404, 404, 404",
        "yiwu.drb.handler,      PAUSE,      404, 404, 404, 404",
        "yiwu.drb.handler,      RESUME,     404, 404, 404, 404",
        "yiwu.drb.handler,      EXTENSION,  404, 404, 404, 404",
        "yiwu.drb.handler,      APPROVE,    403, 403, 403, 403",
        "yiwu.drb.handler,      REFUSE,     403, 403, 403, 403",
        "yiwu.drb.handler,      ASSISTANTS, 404, 404, 404, 404",
        "yiwu.drb.handler,      HISTORY,    404, 404, 404, 404",
        "choucheng.handler,     PAUSE,      404, 200, 404, 404",
        "choucheng.handler,     RESUME,     404, 200, 404, 404",
        "choucheng.handler,     EXTENSION,  404, 200, 404, 404",
        "choucheng.handler,     APPROVE,    403, 403, 403, 403",
        "choucheng.handler,     REFUSE,     403, 403, 403, 403",
        "choucheng.handler,     ASSISTANTS, 404, 200, 404, 404",
        "choucheng.handler,     HISTORY,    404, 200, 404, 404",
        "dongyang.esc.handler,  PAUSE,      404, 404, 200, 404",
        "dongyang.esc.handler,  RESUME,     404, 404, 200, 404",
        "dongyang.esc.handler,  EXTENSION,  404, 404, 200, 404",
        "dongyang.esc.handler,  APPROVE,    403, 403, 403, 403",
        "dongyang.esc.handler,  REFUSE,     403, 403, 403, 403",
        "dongyang.esc.handler,  ASSISTANTS, 404, 404, 200, 404",
        "dongyang.esc.handler,  HISTORY,    404, 404, 200, 404",
        "yiwu.supervisor,       PAUSE,      403, 403, 403, 403",
        "yiwu.supervisor,       RESUME,     403, 403, 403, 403",
        "yiwu.supervisor,       EXTENSION,  403, 403, 403, 403",
        "yiwu.supervisor,       APPROVE,    200, 200, 404, 404",
        "yiwu.supervisor,       REFUSE,     200, 200, 404, 404",
        "yiwu.supervisor,       ASSISTANTS, 200, 200, 404, 404",
        "yiwu.supervisor,       HISTORY,    200, 200, 404, 404",
        "jinhua.supervisor,     PAUSE,      403, 403, 403, 403",
        "jinhua.supervisor,     RESUME,     403, 403, 403, 403",
        "jinhua.supervisor,     EXTENSION,  403, 403, 403, 403",
        "jinhua.supervisor,     APPROVE,    200, 200, 200, 200",
        "jinhua.supervisor,     REFUSE,     200, 200, 200, 200",
        "jinhua.supervisor,     ASSISTANTS, 200, 200, 200, 200",
        "jinhua.supervisor,     HISTORY,    200, 200, 200, 200",
        "jinhua.leader,         PAUSE,      403, 403, 403, 403",
        "jinhua.leader,         RESUME,     403, 403, 403, 403",
        "jinhua.leader,         EXTENSION,  403, 403, 403, 403",
        "jinhua.leader,         APPROVE,    403, 403, 403, 403",
        "jinhua.leader,         REFUSE,     403, 403, 403, 403",
        "jinhua.leader,         ASSISTANTS, 403, 403, 403, 403",
        "jinhua.leader,         HISTORY,    200, 200, 200, 200",
        "admin,                 PAUSE,      200, 200, 200, 200",
        "admin,                 RESUME,     200, 200, 200, 200",
        "admin,                 EXTENSION,  200, 200, 200, 200",
        "admin,                 APPROVE,    200, 200, 200, 200",
        "admin,                 REFUSE,     200, 200, 200, 200",
        "admin,                 ASSISTANTS, 200, 200, 200, 200",
        "admin,                 HISTORY,    200, 200, 200, 200",
        "none,                  PAUSE,      401, 401, 401, 401",
        "none,                  RESUME,     401, 401, 401, 401",
        "none,                  EXTENSION,  401, 401, 401, 401",
        "none,                  APPROVE,    401, 401, 401, 401",
        "none,                  REFUSE,     401, 401, 401, 401",
        "none,                  ASSISTANTS, 401, 401, 401, 401",
        "none,                  HISTORY,    401, 401, 401, 401",
        "bad,                   PAUSE,      401, 401, 401, 401",
        "bad,                   RESUME,     401, 401, 401, 401",
        "bad,                   EXTENSION,  401, 401, 401, 401",
        "bad,                   APPROVE,    401, 401, 401, 401",
        "bad,                   REFUSE,     401, 401, 401, 401",
        "bad,                   ASSISTANTS, 401, 401, 401, 401",
        "bad,                   HISTORY,    401, 401, 401, 401",
    })
    void whoMayDoWhatToWhichTask(String caller, Call call, int own, int township, int sibling, int city) {
        Map<Place, Integer> expected = Map.of(Place.OWN, own, Place.TOWNSHIP, township, Place.SIBLING, sibling);
        for (Place place : Place.values()) {
            int status = place == Place.CITY ? city : expected.get(place);
            if (status == 200 && call != Call.READ && call != Call.HISTORY) {
                anAllowedCallIsRecordedUnderTheCaller(caller, call, place);
            } else {
                aRefusedCallChangesNothing(caller, call, place, status);
            }
        }
    }

    @ParameterizedTest(name = "{0} gives an opinion on a task of Yiwu's centre assisted by Yiwu's 发改局 → {1}")
    @CsvSource({
        "yiwu.drb.handler,     200",
        // The lead department sees the task but does not assist it.
        "yiwu.esc.handler,     403",
        "choucheng.handler,    404",
        "dongyang.esc.handler, 404",
        "yiwu.supervisor,      403",
        "jinhua.leader,        403",
        "admin,                200",
        "none,                 401",
        "bad,                  401",
    })
    void onlyAnAssistingDepartmentGivesOpinions(String caller, int status) {
        String taskId = newTask(Place.OWN, "opinion-" + caller);
        call("admin", Call.ASSISTANTS, taskId, body(Call.ASSISTANTS, Place.OWN))
                .expectStatus()
                .isOk();
        Task before = stored(taskId);

        WebTestClient.ResponseSpec response = as(caller)
                .post()
                .uri("/api/v1/tasks/{id}/opinion", taskId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opinion", "项目已备案"))
                .exchange();

        if (status == 200) {
            response.expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.role")
                    .isEqualTo(caller.equals("admin") ? "LEAD" : "ASSISTING");
            Task after = stored(taskId);
            assertThat(after.opinions()).singleElement().satisfies(o -> {
                assertThat(o.departmentId()).isEqualTo(Place.OWN.transferTo);
                assertThat(o.by()).isEqualTo(caller);
            });
        } else {
            isProblem(response, HttpStatus.valueOf(status));
            assertThat(stored(taskId)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0} lists {1}")
    @CsvSource({
        "yiwu.esc.handler,     OWN",
        "yiwu.drb.handler,     ''",
        "choucheng.handler,    TOWNSHIP",
        "dongyang.esc.handler, SIBLING",
        "yiwu.supervisor,      OWN TOWNSHIP",
        "jinhua.supervisor,    OWN TOWNSHIP SIBLING CITY",
        "jinhua.leader,        OWN TOWNSHIP SIBLING CITY",
        "admin,                OWN TOWNSHIP SIBLING CITY",
    })
    void theListHoldsOnlyTasksInTheCallersScope(String caller, String places) {
        Set<String> expected = Arrays.stream(places.split(" "))
                .filter(p -> !p.isEmpty())
                .map(p -> UNTOUCHED.get(Place.valueOf(p)))
                .collect(Collectors.toSet());

        List<TaskView> listed = as(caller)
                .get()
                .uri("/api/v1/tasks")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(TaskView.class)
                .returnResult()
                .getResponseBody();

        assertThat(listed)
                .extracting(TaskView::taskId)
                .filteredOn(UNTOUCHED::containsValue)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void askingForAnotherDepartmentsQueueListsNothing() {
        as("yiwu.esc.handler")
                .get()
                .uri("/api/v1/tasks?departmentId=330783-esc")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"none", "bad"})
    void listingWithoutAValidTokenIsRefused(String caller) {
        isProblem(as(caller).get().uri("/api/v1/tasks").exchange(), HttpStatus.UNAUTHORIZED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadToken.class)
    void everyKindOfBadTokenIsRefusedWithABearerChallenge(BadToken token) {
        String taskId = UNTOUCHED.get(Place.OWN);
        Task before = stored(taskId);

        WebTestClient.ResponseSpec response = http.post()
                .uri("/api/v1/tasks/{id}/claim", taskId)
                .header(HttpHeaders.AUTHORIZATION, token.bearer(People.YIWU_ESC_HANDLER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange();

        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        isProblem(response, HttpStatus.UNAUTHORIZED)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("The access token is not accepted"));
        assertThat(stored(taskId)).isEqualTo(before);
    }

    @Test
    void noTokenGetsABareBearerChallenge() {
        http.get().uri("/api/v1/tasks").exchange().expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a token without a Qihu role,   no role in Qihu",
        "a handler without department, a handler needs both a department and a region claim",
    })
    void aSignedInPersonWithoutAUsableRoleIsToldWhy(String who, String why) {
        Person person = who.startsWith("a handler")
                ? new Person("no.department", "no.department", Set.of(Role.HANDLER), "330782", null)
                : People.person("qihu-other-tool", "330782");

        for (String path : List.of("/api/v1/tasks", "/api/v1/tasks/" + UNTOUCHED.get(Place.OWN))) {
            isProblem(signedIn(http, person).get().uri(path).exchange(), HttpStatus.FORBIDDEN)
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).contains(why));
        }
    }

    @ParameterizedTest(name = "{0} on a task of {1} → {2}")
    @CsvSource({
        // Within the county or up to the city, never sideways into the sibling county.
        "yiwu.supervisor,   OWN,      330783-esc, 403",
        "yiwu.supervisor,   TOWNSHIP, 330783-esc, 403",
        "yiwu.supervisor,   OWN,      jh-esc,     200",
        "jinhua.supervisor, SIBLING,  330782-esc, 200",
        "admin,             SIBLING,  330782-esc, 200",
    })
    void aSupervisorTransfersWithinTheirRegionOrUpButNotSideways(
            String caller, Place place, String toDepartmentId, int status) {
        String taskId = status == 200 ? newTask(place, "transfer-" + toDepartmentId) : UNTOUCHED.get(place);
        Task before = stored(taskId);

        WebTestClient.ResponseSpec response =
                call(caller, Call.TRANSFER, taskId, Map.of("toDepartmentId", toDepartmentId, "reason", "跨县协调"));

        if (status == 200) {
            response.expectStatus().isOk();
            assertThat(stored(taskId).departmentId()).isEqualTo(toDepartmentId);
        } else {
            isProblem(response, HttpStatus.valueOf(status))
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).contains("toDepartmentId"));
            assertThat(stored(taskId)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}: load a year {1}, read the audit {2}")
    @CsvSource({
        "admin,             200, 200",
        "jinhua.leader,     403, 403",
        "jinhua.supervisor, 403, 403",
        "yiwu.esc.handler,  403, 403",
        "none,              401, 401",
        "bad,               401, 401",
    })
    void onlyAnAdminAdministersTheCalendar(String caller, int load, int audit) {
        WebTestClient.ResponseSpec loaded = as(caller)
                .put()
                .uri("/api/v1/calendar/years/2027")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-01\","
                        + " \"isOffDay\": true}]}")
                .exchange();
        WebTestClient.ResponseSpec audited =
                as(caller).get().uri("/api/v1/calendar/audit").exchange();

        if (load == 200) {
            loaded.expectStatus().isOk();
            audited.expectStatus().isOk().expectBody().jsonPath("$[0].by").isEqualTo(caller);
        } else {
            isProblem(loaded, HttpStatus.valueOf(load));
            isProblem(audited, HttpStatus.valueOf(audit));
            assertThat(calendar.calendar().coveredYears()).doesNotContain(2027);
            assertThat(mongo.count(new Query(), CalendarAudit.class).block()).isZero();
        }
    }

    @Test
    void theCalendarArithmeticAndHealthStayOpen() {
        http.get()
                .uri("/api/v1/calendar/deadline?received=2026-11-20&workingDays=3")
                .exchange()
                .expectStatus()
                .isOk();
        http.get().uri("/api/v1/calendar/years").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @ParameterizedTest(name = "{0} {1} → 400 naming {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "yiwu.esc.handler | CLAIM    | {\"handler\": [\"li\"]}                         | handler",
                "yiwu.esc.handler | RESOLVE  | {}                                               | reply",
                "yiwu.esc.handler | RETURN   | {\"reason\": \"  \"}                             | reason",
                "yiwu.supervisor  | TRANSFER | {\"reason\": \"r\"}                              | toDepartmentId",
                "yiwu.supervisor  | TRANSFER | {\"toDepartmentId\": \"nowhere\", \"reason\": \"r\"} | toDepartmentId",
                "yiwu.esc.handler | CLAIM    | {\"handler\":                                     | body",
                "yiwu.esc.handler | PAUSE    | {}                                               | reason",
                "yiwu.esc.handler | EXTENSION | {\"reason\": \"r\"}                             | workingDays",
                "yiwu.esc.handler | EXTENSION | {\"workingDays\": 0, \"reason\": \"r\"}         | workingDays",
                "yiwu.esc.handler | EXTENSION | {\"workingDays\": 11, \"reason\": \"r\"}        | workingDays",
                "yiwu.esc.handler | EXTENSION | {\"workingDays\": \"two\", \"reason\": \"r\"}   | workingDays",
                "yiwu.esc.handler | EXTENSION | {\"workingDays\": 2}                            | reason",
                "yiwu.supervisor  | REFUSE   | {\"reason\": \"\"}                               | reason",
                "yiwu.esc.handler | ASSISTANTS | {\"reason\": \"r\"}                            | departmentIds",
                "yiwu.esc.handler | ASSISTANTS | {\"departmentIds\": [], \"reason\": \"r\"}     | departmentIds",
                "yiwu.esc.handler | ASSISTANTS | {\"departmentIds\": [\"nowhere\"], \"reason\": \"r\"} | departmentIds[0]",
                "yiwu.esc.handler | ASSISTANTS | {\"departmentIds\": [\"330782-esc\"], \"reason\": \"r\"} | departmentIds[0]",
                "yiwu.esc.handler | ASSISTANTS | {\"departmentIds\": [\"330782-drb\"]}          | reason",
                "yiwu.drb.handler | OPINION  | {}                                               | opinion",
            })
    void badInputIsAProblemNamingTheFieldAndChangesNothing(String caller, String callName, String body, String field) {
        // OPINION is not in the matrix (it is about assisting departments): null stands for it.
        Call call = callName.equals("OPINION") ? null : Call.valueOf(callName);
        String taskId = UNTOUCHED.get(Place.OWN);
        Task before = stored(taskId);

        WebTestClient.ResponseSpec response = as(caller)
                .post()
                .uri("/api/v1/tasks/" + taskId + (call == null ? "/opinion" : call.path))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();

        isProblem(response, HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field));
        assertThat(stored(taskId)).isEqualTo(before);
    }

    private void aRefusedCallChangesNothing(String caller, Call call, Place place, int status) {
        String taskId = UNTOUCHED.get(place);
        Task before = stored(taskId);

        WebTestClient.ResponseSpec response = call(caller, call, taskId, body(call, place));

        if (status == 200) {
            response.expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath(call == Call.HISTORY ? "$.transitions[0].taskId" : "$.taskId")
                    .isEqualTo(taskId);
        } else {
            isProblem(response, HttpStatus.valueOf(status));
        }
        assertThat(stored(taskId))
                .as("%s %s on the %s task", caller, call, place)
                .isEqualTo(before);
    }

    private void anAllowedCallIsRecordedUnderTheCaller(String caller, Call call, Place place) {
        String taskId = newTask(place, caller + "-" + call);
        if (call == Call.RESOLVE) {
            call(caller, Call.CLAIM, taskId, Map.of()).expectStatus().isOk();
        }
        // What the call needs first, done by an admin.
        List<Call> before = switch (call) {
            case PAUSE, EXTENSION -> List.of(Call.CLAIM);
            case RESUME -> List.of(Call.CLAIM, Call.PAUSE);
            case APPROVE, REFUSE -> List.of(Call.CLAIM, Call.EXTENSION);
            default -> List.of();
        };
        for (Call first : before) {
            call("admin", first, taskId, body(first, place)).expectStatus().isOk();
        }

        call(caller, call, taskId, body(call, place)).expectStatus().isOk();

        Task after = stored(taskId);
        Task.HistoryEntry last = after.history().get(after.history().size() - 1);
        assertThat(last.action()).isEqualTo(call.recordedAs);
        assertThat(last.by()).isEqualTo(caller);
        if (call == Call.CLAIM) {
            assertThat(after.status()).isEqualTo(TaskStatus.CLAIMED);
            assertThat(after.claimedBy()).isEqualTo(caller);
        }
    }

    private static Map<String, Object> body(Call call, Place place) {
        return switch (call) {
            case READ, CLAIM -> Map.of();
            case RESOLVE -> Map.of("reply", REPLY);
            case RETURN -> Map.of("reason", "非本部门职责");
            case TRANSFER -> Map.of("toDepartmentId", place.transferTo, "reason", "转有权部门办理");
            case PAUSE -> Map.of("reason", "等待企业补充材料");
            case RESUME, APPROVE, HISTORY -> Map.of();
            case EXTENSION -> Map.of("workingDays", 2, "reason", "需会商");
            case REFUSE -> Map.of("reason", "时限内可办结");
            case ASSISTANTS -> Map.of("departmentIds", List.of(place.transferTo), "reason", "跨部门协办");
        };
    }

    private WebTestClient.ResponseSpec call(String caller, Call call, String taskId, Map<String, Object> body) {
        WebTestClient client = as(caller);
        if (call == Call.READ) {
            return client.get().uri("/api/v1/tasks/{id}", taskId).exchange();
        }
        if (call == Call.HISTORY) {
            return client.get()
                    .uri("/api/v1/cases/{id}/history", stored(taskId).caseId())
                    .exchange();
        }
        return client.post()
                .uri("/api/v1/tasks/" + taskId + call.path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** The client as the demo person of this username, or without a token ("none"), or with a forged one ("bad"). */
    private WebTestClient as(String caller) {
        return switch (caller) {
            case NO_TOKEN -> http;
            case BAD_TOKEN ->
                http.mutate()
                        .defaultHeader(
                                HttpHeaders.AUTHORIZATION,
                                BadToken.SIGNED_WITH_ANOTHER_KEY.bearer(People.YIWU_ESC_HANDLER))
                        .build();
            default -> signedIn(http, People.demo(caller));
        };
    }

    private String newTask(Place place, String label) {
        CaseOpenedBuilder newCase = CaseOpenedBuilder.aCase(label).inRegion(place.region);
        publish(newCase.event());
        String taskId = Task.idOf(newCase.caseId(), 1);
        // Assigned and its event relayed (the outbox emptied), so that nothing changes it but the test.
        Task task = await().atMost(Duration.ofSeconds(20))
                .until(() -> stored(taskId), t -> t != null && t.outbox().isEmpty() && t.outboxSince() == null);
        assertThat(task.departmentId()).as("department of a task in %s", place).isEqualTo(place.department);
        return taskId;
    }

    private Task stored(String taskId) {
        return mongo.findById(taskId, Task.class).block();
    }
}

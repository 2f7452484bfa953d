package qihu.dispatch.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.dispatch.TestIssuer.signedIn;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.calendar.WorkingDayCalendar;
import qihu.dispatch.CaseOpenedBuilder;
import qihu.dispatch.People;
import qihu.dispatch.WorkingWeekClock;
import qihu.dispatch.access.Person;
import qihu.dispatch.access.Role;
import qihu.dispatch.task.Task;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/** A new year's holiday file loaded at run time: open deadlines recomputed, the change audited, bad files refused. */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class CalendarYearsTest extends ServiceTestSupport {

    /** A 2027 file in holiday-cn format: 元旦 Friday 1 January off, Saturday 9 January a make-up working day. */
    static final String YEAR_2027 = """
            {"year": 2027, "papers": [], "days": [
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "春节", "date": "2027-01-09", "isOffDay": false}
            ]}""";

    /** The admin who loads years; a made-up one, to show whose name the audit records. */
    private static final Person ADMIN = People.person("calendar.admin", "330000", Role.ADMIN);

    @Autowired
    WebTestClient http;

    @Autowired
    CalendarHolder calendar;

    @BeforeEach
    void bundledCalendarAndCleanStore() {
        dropDatabase();
        calendar.replace(WorkingDayCalendar.bundled());
    }

    @Test
    void aTaskWaitingForNextYearsCalendarGetsItsDeadlineWhenTheYearIsLoaded() {
        // Wednesday 30 December 2026: 3 working days run into 2027, which is not loaded yet.
        CaseOpenedBuilder newCase = CaseOpenedBuilder.aCase("new-year").receivedAt("2026-12-30T10:00:00+08:00");
        publish(newCase.event());
        String taskId = Task.idOf(newCase.caseId(), 1);
        Task waiting = await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(taskId, Task.class).block(), Objects::nonNull);
        assertThat(waiting.dueAt()).isNull();
        assertThat(waiting.deadlinePending()).isTrue();

        load(2027, YEAR_2027)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.recomputedTasks")
                .isEqualTo(1)
                .jsonPath("$.coveredYears[-1]")
                .isEqualTo(2027);

        Task dated = mongo.findById(taskId, Task.class).block();
        // Thursday 31st, (Friday 1st is off), Monday 4th, Tuesday 5th.
        assertThat(dated.dueAt())
                .isEqualTo(OffsetDateTime.parse("2027-01-05T23:59:59+08:00").toInstant());
        assertThat(dated.slaNextAt())
                .isEqualTo(OffsetDateTime.parse("2027-01-04T23:59:59+08:00").toInstant());
        assertThat(dated.deadlinePending()).isFalse();
        assertThat(dated.history()).anySatisfy(h -> assertThat(h.action()).isEqualTo("DEADLINE_RECOMPUTED"));
        signedIn(http, ADMIN)
                .get()
                .uri("/api/v1/calendar/audit")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].year")
                .isEqualTo(2027)
                .jsonPath("$[0].by")
                .isEqualTo(ADMIN.subject());
        http.get()
                .uri(uri -> uri.path("/api/v1/calendar/deadline")
                        .queryParam("received", "{received}")
                        .queryParam("workingDays", 3)
                        .build("2026-12-30T10:00:00+08:00"))
                .exchange()
                .expectBody()
                .jsonPath("$.deadline")
                .isEqualTo("2027-01-05T23:59:59+08:00");
    }

    @Test
    void aStoredYearIsAppliedAgainAfterARestart() {
        load(2027, YEAR_2027).expectStatus().isOk();
        calendar.replace(WorkingDayCalendar.bundled()); // what a restarted instance starts with

        http.get()
                .uri("/api/v1/calendar/years")
                .exchange()
                .expectBody()
                .jsonPath("$.years[-1]")
                .isEqualTo(2026);
        // The refresh that runs at start-up and every minute:
        assertThat(years.applyStoredYears().block()).containsExactly(2027);
        http.get()
                .uri("/api/v1/calendar/years")
                .exchange()
                .expectBody()
                .jsonPath("$.years[-1]")
                .isEqualTo(2027);
    }

    @Autowired
    CalendarYears years;

    @Test
    void aBadFileIsRefusedNamingTheProblemAndChangesNothing() {
        isProblem(load(2027, "{\"year\": 2027, \"days\": [{\"date\": \"2027-13-01\"}]}"), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("body");
        isProblem(load(2027, YEAR_2027.replace("2027", "2028")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("year");
        // 2028 cannot come before 2027: a gap would make every deadline across it a guess.
        isProblem(load(2028, YEAR_2027.replace("2027", "2028")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("2027"));

        http.get()
                .uri("/api/v1/calendar/years")
                .exchange()
                .expectBody()
                .jsonPath("$.years[-1]")
                .isEqualTo(2026);
        signedIn(http, ADMIN)
                .get()
                .uri("/api/v1/calendar/audit")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
    }

    private WebTestClient.ResponseSpec load(int year, String file) {
        return signedIn(http, ADMIN)
                .put()
                .uri("/api/v1/calendar/years/{year}", year)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(file)
                .exchange();
    }
}

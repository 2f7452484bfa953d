package qihu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * The deadline endpoint, on the official 2026 calendar. Same configuration as {@link TaskDispatchTest}, so the two
 * share one application context.
 */
@QihuServiceTest
@Import(WorkingWeekClock.class)
class CalendarApiTest extends ServiceTestSupport {

    @Autowired
    WebTestClient http;

    @ParameterizedTest(name = "received {0}, {1} working days → {2}")
    @CsvSource({
        // Friday; Monday 23, Tuesday 24, Wednesday 25 November.
        "2026-11-20T09:30:00+08:00, 3, 2026-11-25T23:59:59+08:00",
        // The same moment without an offset is Shanghai time; a date alone is its start.
        "2026-11-20T09:30:00,       3, 2026-11-25T23:59:59+08:00",
        "2026-11-20,                3, 2026-11-25T23:59:59+08:00",
        // Friday 16:30 UTC is Saturday 00:30 in Shanghai: the day of receipt is Saturday.
        "2026-11-20T16:30:00Z,      1, 2026-11-23T23:59:59+08:00",
        // Spring Festival: Saturday 14 February is a make-up working day, 15-23 February are off.
        "2026-02-13T10:15:00+08:00, 3, 2026-02-25T23:59:59+08:00",
        // National Day: 1-7 October off, Saturday 10 October a make-up working day.
        "2026-09-30T16:00:00+08:00, 7, 2026-10-15T23:59:59+08:00",
        // Labour Day: 1-5 May off, Saturday 9 May a make-up working day.
        "2026-04-30T09:00:00+08:00, 3, 2026-05-08T23:59:59+08:00",
        "2026-04-30T09:00:00+08:00, 4, 2026-05-09T23:59:59+08:00",
    })
    void answersTheDeadlineOnTheOfficialWorkingDayCalendar(String received, int workingDays, String deadline) {
        deadline(received, String.valueOf(workingDays))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.workingDays")
                .isEqualTo(workingDays)
                .jsonPath("$.deadline")
                .isEqualTo(deadline);
    }

    @ParameterizedTest(name = "received={0}, workingDays={1} → {2}")
    @CsvSource({
        "2026-11-20T09:30:00+08:00, 0,     workingDays",
        "2026-11-20T09:30:00+08:00, -3,    workingDays",
        "2026-11-20T09:30:00+08:00, 367,   workingDays",
        "2026-11-20T09:30:00+08:00, three, workingDays",
        "yesterday,                 3,     received",
        "2026-13-01T09:30:00+08:00, 3,     received",
        // Outside the loaded years (2019-2026), before and after.
        "2018-12-28T09:30:00+08:00, 3,     received",
        "2031-01-06T09:30:00+08:00, 3,     received",
        // Received in 2026 but due in 2027, whose calendar is not loaded yet.
        "2026-12-30T09:30:00+08:00, 3,     received",
        // Left out.
        "2026-11-20T09:30:00+08:00,  ,     workingDays",
        "                         ,  3,    received",
    })
    void rejectsAnImpossibleQueryWithAProblemNamingTheParameter(String received, String workingDays, String field) {
        deadline(received, workingDays)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field));
    }

    /** A null parameter is left out of the query. */
    private WebTestClient.ResponseSpec deadline(String received, String workingDays) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("received", received);
        parameters.put("workingDays", workingDays);
        parameters.values().removeIf(Objects::isNull);
        return http.get()
                .uri(uri -> {
                    parameters.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
                    return uri.path("/api/v1/calendar/deadline").build(parameters);
                })
                .exchange();
    }
}

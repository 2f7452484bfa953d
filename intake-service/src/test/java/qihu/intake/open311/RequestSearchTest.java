package qihu.intake.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.intake.open311.Open311Properties.ServiceBoard;
import qihu.intake.open311.RequestSearch.Open311Status;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;

/** GET requests' filters, as GeoReport v2 defines them. */
class RequestSearchTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    static final Duration WINDOW = Duration.ofDays(90);
    static final ServiceCatalogue CATALOGUE = new ServiceCatalogue(List.of(
            new ServiceBoard("PROJECT", "项目", null, List.of(), null),
            new ServiceBoard("OPENING", "开放", null, List.of(), null)));

    static RequestSearch search(String... namesAndValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], Arrays.asList(namesAndValues[i + 1]));
        }
        return RequestSearch.of(new Open311Form(query), CATALOGUE, WINDOW, 3, NOW);
    }

    @Test
    void withoutFiltersTheLatest90DaysOfEveryServiceAndStatus() {
        RequestSearch all = search();

        assertThat(all.start()).isEqualTo(NOW.minus(WINDOW));
        assertThat(all.end()).isEqualTo(NOW);
        assertThat(all.serviceCodes()).isEmpty();
        assertThat(all.statuses()).isEmpty();
        assertThat(all.byId()).isFalse();
    }

    @Test
    void oneDateOpensTheWindowFromIt() {
        assertThat(search("start_date", "2026-01-01T00:00:00+08:00").end())
                .isEqualTo(Instant.parse("2025-12-31T16:00:00Z").plus(WINDOW));
        assertThat(search("end_date", "2026-03-01T00:00:00Z").start())
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z").minus(WINDOW));
        assertThat(search("start_date", "2026-11-01T00:00:00 08:00").start())
                .as("an unencoded + arrives as a blank")
                .isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
    }

    @Test
    void listsAreCommaSeparated() {
        RequestSearch search = search(
                "service_code",
                "PROJECT, OPENING",
                "status",
                "open,closed",
                "service_request_id",
                "req-1,req-2,,req-1");

        assertThat(search.ids()).containsExactly("req-1", "req-2");
        assertThat(search.byId()).isTrue();
        assertThat(search.serviceCodes()).as("ids override the other filters").isEmpty();
        assertThat(search.statuses()).isEmpty();

        RequestSearch filtered = search("service_code", "PROJECT, OPENING", "status", "open,closed");
        assertThat(filtered.serviceCodes()).containsExactlyInAnyOrder("PROJECT", "OPENING");
        assertThat(filtered.statuses()).containsExactlyInAnyOrder(Open311Status.OPEN, Open311Status.CLOSED);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "start_date | 2026-11-20                | start_date",
                "start_date | 2026-11-20T00:00:00       | start_date",
                "end_date   | 20261120T000000Z          | end_date",
                "status     | pending                   | status",
                "status     | OPEN                      | status",
                "service_code | POTHOLE                 | service_code",
                "service_request_id | a,b,c,d           | service_request_id",
            })
    void aBadFilterIsNamed(String name, String value, String field) {
        assertThat(refused(name, value)).containsExactly(field);
    }

    @Test
    void theSpanIsAtMostTheWindowAndRunsForward() {
        assertThat(refused("start_date", "2026-01-01T00:00:00Z", "end_date", "2026-04-02T00:00:00Z"))
                .containsExactly("end_date");
        assertThat(refused("start_date", "2026-02-01T00:00:00Z", "end_date", "2026-01-01T00:00:00Z"))
                .containsExactly("start_date");
        assertThat(search("start_date", "2026-01-01T00:00:00Z", "end_date", "2026-04-01T00:00:00Z")
                        .end())
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    /** The fields a refused search names. */
    static List<String> refused(String... namesAndValues) {
        return catchThrowableOfType(InvalidInputException.class, () -> search(namesAndValues)).violations().stream()
                .map(FieldViolation::field)
                .toList();
    }
}

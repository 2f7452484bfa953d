package qihu.evaluation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static qihu.evaluation.scenario.ScenarioKpiTest.DECEMBER;
import static qihu.evaluation.scenario.ScenarioKpiTest.NOVEMBER;
import static qihu.evaluation.scenario.ScenarioMother.AS_OF;
import static qihu.evaluation.scenario.ScenarioMother.SHANGHAI;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiReadModel;
import qihu.evaluation.kpi.KpiRow;
import qihu.events.EventEnvelope;

/** The columnar live read model gives the scenario's hand-counted figures, and the log's figures at any moment. */
class KpiReadModelTest {

    private final KpiCalculator calculator = new KpiCalculator(WorkingDayCalendar.bundled(), SHANGHAI);

    @ParameterizedTest
    @EnumSource(Dimension.class)
    void everyFigureOfEveryGroupMatchesTheTestsOwnCount(Dimension by) {
        KpiReadModel model = fed(ScenarioMother.events());

        assertThat(model.compute(new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, by)))
                .isNotEmpty()
                .isEqualTo(ScenarioKpiTest.expected(by));
    }

    @ParameterizedTest
    @EnumSource(Dimension.class)
    void halfWayThroughTheMonthItAgreesWithTheLog(Dimension by) {
        Instant midMonth = LocalDate.of(2026, 11, 16).atStartOfDay(SHANGHAI).toInstant();
        List<EventEnvelope<?>> sofar = ScenarioMother.events().stream()
                .filter(e -> !e.occurredAt().isAfter(midMonth))
                .toList();
        KpiCalculator.Query query = new KpiCalculator.Query(NOVEMBER, DECEMBER, midMonth, by);

        List<KpiRow> live = fed(sofar).compute(query);

        assertThat(live).isNotEmpty().isEqualTo(calculator.compute(ScenarioMother.events(), query));
        assertThat(live).isNotEqualTo(ScenarioKpiTest.expected(by));
    }

    @Test
    void aRegionsFiguresCoverItAndTheRegionsBelow() {
        KpiReadModel model = fed(ScenarioMother.events());
        KpiRow yiwuByRollUp = ScenarioKpiTest.expected(Dimension.REGION).stream()
                .filter(row -> row.key().equals("330782"))
                .findFirst()
                .orElseThrow();

        List<KpiRow> yiwu = model.compute(new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, Dimension.ALL, "330782"));
        List<KpiRow> yiwuByBoard =
                model.compute(new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, Dimension.BOARD, "330782"));

        assertThat(yiwu).singleElement().satisfies(row -> {
            assertThat(row.cases()).isEqualTo(yiwuByRollUp.cases());
            assertThat(row.closureRate()).isEqualTo(yiwuByRollUp.closureRate());
            assertThat(row.satisfactionRate()).isEqualTo(yiwuByRollUp.satisfactionRate());
        });
        assertThat(yiwuByBoard.stream().mapToLong(KpiRow::cases).sum()).isEqualTo(yiwuByRollUp.cases());
        assertThat(yiwuByBoard)
                .isEqualTo(calculator.compute(
                        ScenarioMother.events(),
                        new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, Dimension.BOARD, "330782")));
        assertThat(model.compute(new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, Dimension.ALL, "330999")))
                .isEmpty();
    }

    @Test
    void itOnlyDescribesMomentsAfterItsLatestEvent() {
        KpiReadModel model = fed(ScenarioMother.events());
        Instant latest = ScenarioMother.events().stream()
                .map(EventEnvelope::occurredAt)
                .max(Instant::compareTo)
                .orElseThrow();

        assertThat(model.covers(latest)).isTrue();
        assertThat(model.covers(latest.minusMillis(1))).isFalse();
    }

    private KpiReadModel fed(List<EventEnvelope<?>> events) {
        KpiReadModel model = new KpiReadModel(calculator);
        events.forEach(model);
        return model;
    }
}

package qihu.evaluation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static qihu.evaluation.scenario.ScenarioMother.AS_OF;
import static qihu.evaluation.scenario.ScenarioMother.SHANGHAI;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.scenario.ScenarioMother.Script;
import qihu.events.OwnerLevel;
import qihu.events.Rating;

/**
 * The scripted November ({@link ScenarioMother}): every KPI by every breakdown, checked against figures the test
 * counts itself from the scripts (not from the events, not with production code), and the headline figures against
 * numbers worked out by hand.
 */
class ScenarioKpiTest {

    static final Instant NOVEMBER =
            LocalDate.of(2026, 11, 1).atStartOfDay(SHANGHAI).toInstant();
    static final Instant DECEMBER =
            LocalDate.of(2026, 12, 1).atStartOfDay(SHANGHAI).toInstant();

    private final KpiCalculator calculator = new KpiCalculator(WorkingDayCalendar.bundled(), SHANGHAI);

    @Test
    void theHeadlineFiguresAreTheOnesWorkedOutByHand() {
        KpiRow all = calculator
                .compute(ScenarioMother.events(), new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, Dimension.ALL))
                .get(0);

        // 300 cases, every 7th (0, 7, ..., 294) with one duplicate: 43 merged, 343 received.
        assertThat(all.cases()).isEqualTo(300);
        assertThat(all.mergedDuplicates()).isEqualTo(43);
        assertThat(all.received()).isEqualTo(343);
        // All past their first deadline by 20 December; 8 stories of 10 close, 7 of them with every round on time.
        assertThat(all.due()).isEqualTo(300);
        assertThat(all.closed()).isEqualTo(240);
        assertThat(all.closureRate()).isEqualTo(0.8);
        assertThat(all.closedOnTime()).isEqualTo(210);
        assertThat(all.onTimeClosureRate()).isEqualTo(0.7);
        // Per 10 cases 9 real ratings, 7 of them (基本)满意; the default-satisfied close is not a rating.
        assertThat(all.ratings()).isEqualTo(270);
        assertThat(all.satisfiedRatings()).isEqualTo(210);
        assertThat(all.satisfactionRate()).isEqualTo(0.7778);
        assertThat(all.closedByDefault()).isEqualTo(30);
        // 9 of 10 answered, 2 of 10 reopened: 60 / 270.
        assertThat(all.resolved()).isEqualTo(270);
        assertThat(all.reopened()).isEqualTo(60);
        assertThat(all.reopenRate()).isEqualTo(0.2222);
        // City level owns the cases numbered 0 mod 3 outside the two streets: 100 cases, 90 of them answered; the
        // other 180 answered cases were resolved at township or county level.
        assertThat(all.resolvedLocally()).isEqualTo(180);
        assertThat(all.localResolutionRate()).isEqualTo(0.6667);
        // Per 10 cases: five close on the 2nd working day, one on the 5th, one on the 7th, one on the 4th: 26 / 8.
        assertThat(all.averageWorkingDaysToClose()).isEqualTo(3.25);
    }

    @ParameterizedTest
    @EnumSource(Dimension.class)
    void everyFigureOfEveryGroupMatchesTheTestsOwnCount(Dimension by) {
        List<KpiRow> computed =
                calculator.compute(ScenarioMother.events(), new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, by));

        assertThat(computed).isEqualTo(expected(by));
        assertThat(computed).isNotEmpty();
    }

    @Test
    void regionsRollUpTheTree() {
        Map<String, KpiRow> byRegion = new TreeMap<>();
        calculator
                .compute(ScenarioMother.events(), new KpiCalculator.Query(NOVEMBER, DECEMBER, AS_OF, Dimension.REGION))
                .forEach(row -> byRegion.put(row.key(), row));

        // Jinhua holds its four regions' 250 cases (the street of Yiwu counted once), Quzhou the other 50.
        assertThat(byRegion.get("330700").cases()).isEqualTo(250);
        assertThat(byRegion.get("330800").cases()).isEqualTo(50);
        assertThat(byRegion.get("330782").cases())
                .isEqualTo(byRegion.get("330782001").cases() + 50);
    }

    /** The figures of each group, counted from the scripts. */
    static List<KpiRow> expected(Dimension by) {
        Map<String, List<Script>> groups = new TreeMap<>();
        for (Script s : ScenarioMother.scripts()) {
            for (String key : keys(by).apply(s)) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        List<KpiRow> rows = new ArrayList<>();
        groups.forEach((key, scripts) -> rows.add(row(key, scripts)));
        return rows;
    }

    private static Function<Script, List<String>> keys(Dimension by) {
        switch (by) {
            case ALL:
                return s -> List.of("all");
            case REGION:
                return s -> {
                    String code = s.regionCode();
                    String county = code.substring(0, 6);
                    String city = code.substring(0, 4) + "00";
                    return code.length() == 9 ? List.of(code, county, city) : List.of(county, city);
                };
            case LEVEL:
                return s -> List.of(s.level().name());
            case BOARD:
                return s -> List.of(s.board());
            case DEPARTMENT:
                return s -> List.of(s.departmentId());
            default:
                return s -> List.of(s.channel());
        }
    }

    private static KpiRow row(String key, List<Script> scripts) {
        long merged = 0, closed = 0, onTime = 0, ratings = 0, satisfied = 0, resolved = 0, reopened = 0;
        long local = 0, byDefault = 0, workingDays = 0;
        for (Script s : scripts) {
            merged += s.mergedChannels().size();
            if (s.closed()) {
                closed++;
                workingDays += s.workingDaysToClose();
            }
            if (s.everyRoundOnTime()) {
                onTime++;
            }
            ratings += s.ratings().size();
            satisfied +=
                    s.ratings().stream().filter(r -> r != Rating.UNSATISFIED).count();
            if (s.answered()) {
                resolved++;
                if (s.level() == OwnerLevel.TOWNSHIP || s.level() == OwnerLevel.COUNTY) {
                    local++;
                }
                if (s.reopened()) {
                    reopened++;
                }
            }
            if (s.closedByDefault()) {
                byDefault++;
            }
        }
        long cases = scripts.size();
        // Every scenario case is past its first deadline at AS_OF: due = cases.
        return new KpiRow(
                key,
                cases + merged,
                merged,
                cases,
                cases,
                closed,
                onTime,
                ratings,
                satisfied,
                resolved,
                reopened,
                local,
                byDefault,
                rate(closed, cases),
                rate(onTime, cases),
                rate(satisfied, ratings),
                rate(reopened, resolved),
                rate(local, resolved),
                closed == 0 ? null : round((double) workingDays / closed));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

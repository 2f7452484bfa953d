package qihu.evaluation.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import qihu.evaluation.kpi.Ranking.Metric;
import qihu.evaluation.kpi.Ranking.Ranked;
import qihu.evaluation.kpi.Ranking.Unranked;

class RankingTest {

    @Test
    void departmentsAreRankedBySatisfactionOnlyWithEnoughRatingsAndTiesShareARank() {
        List<KpiRow> rows = List.of(
                satisfaction("义乌市市场监管局", 18, 20),
                satisfaction("义乌市税务局", 27, 30),
                satisfaction("义乌市人社局", 9, 10),
                satisfaction("义乌市消防救援大队", 1, 3),
                satisfaction("义乌市住建局", 0, 0));

        Ranking.Result result = Ranking.rank(rows, Metric.SATISFACTION, 10);

        assertThat(result.ranked())
                .containsExactly(
                        new Ranked(1, "义乌市人社局", 0.9, 10),
                        new Ranked(1, "义乌市市场监管局", 0.9, 20),
                        new Ranked(1, "义乌市税务局", 0.9, 30));
        assertThat(result.insufficientSample())
                .containsExactly(new Unranked("义乌市住建局", 0), new Unranked("义乌市消防救援大队", 3));
    }

    @Test
    void lowerIsBetterForReopensAndWorkingDays() {
        List<KpiRow> rows = List.of(reopens("A", 5, 20), reopens("B", 1, 20), reopens("C", 2, 20));

        Ranking.Result result = Ranking.rank(rows, Metric.REOPEN, 10);

        assertThat(result.ranked()).extracting(Ranked::key).containsExactly("B", "C", "A");
        assertThat(result.ranked()).extracting(Ranked::rank).containsExactly(1, 2, 3);
        assertThat(result.metric()).isEqualTo("reopen");
    }

    @Test
    void metricNamesReadAsTheyAreWritten() {
        assertThat(Metric.parse("on-time-closure")).isEqualTo(Metric.ON_TIME_CLOSURE);
        assertThat(Metric.WORKING_DAYS_TO_CLOSE.label()).isEqualTo("working-days-to-close");
    }

    private static KpiRow satisfaction(String key, long satisfied, long ratings) {
        return new KpiRow(
                key,
                0,
                0,
                0,
                0,
                0,
                0,
                ratings,
                satisfied,
                0,
                0,
                0,
                0,
                null,
                null,
                ratings == 0 ? null : (double) satisfied / ratings,
                null,
                null,
                null);
    }

    private static KpiRow reopens(String key, long reopened, long resolved) {
        return new KpiRow(
                key,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                resolved,
                reopened,
                0,
                0,
                null,
                null,
                null,
                (double) reopened / resolved,
                null,
                null);
    }
}

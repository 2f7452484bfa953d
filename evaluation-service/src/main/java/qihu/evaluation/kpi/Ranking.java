package qihu.evaluation.kpi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * 评价晾晒: groups (departments, regions, ...) ranked by one KPI, each shown with the sample behind it; a group whose
 * sample is below the minimum is not ranked but listed apart, so that one unhappy enterprise does not put a
 * department last. Equal values share a rank (1, 2, 2, 4).
 */
public final class Ranking {

    /** A KPI that can be ranked: its value, the count it is a rate of, and which way is better. */
    public enum Metric {
        SATISFACTION(KpiRow::satisfactionRate, KpiRow::ratings, true),
        ON_TIME_CLOSURE(KpiRow::onTimeClosureRate, KpiRow::due, true),
        CLOSURE(KpiRow::closureRate, KpiRow::due, true),
        REOPEN(KpiRow::reopenRate, KpiRow::resolved, false),
        LOCAL_RESOLUTION(KpiRow::localResolutionRate, KpiRow::resolved, true),
        WORKING_DAYS_TO_CLOSE(KpiRow::averageWorkingDaysToClose, KpiRow::closed, false);

        private final Function<KpiRow, Double> value;
        private final ToLongFunction<KpiRow> sample;
        private final boolean higherIsBetter;

        Metric(Function<KpiRow, Double> value, ToLongFunction<KpiRow> sample, boolean higherIsBetter) {
            this.value = value;
            this.sample = sample;
            this.higherIsBetter = higherIsBetter;
        }

        /** {@code on-time-closure} → ON_TIME_CLOSURE. */
        public static Metric parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Ranked(int rank, String key, double value, long sample) {}

    public record Unranked(String key, long sample) {}

    public record Result(String metric, int minSample, List<Ranked> ranked, List<Unranked> insufficientSample) {}

    private Ranking() {}

    public static Result rank(List<KpiRow> rows, Metric metric, int minSample) {
        List<KpiRow> eligible = new ArrayList<>();
        List<Unranked> apart = new ArrayList<>();
        for (KpiRow row : rows) {
            long sample = metric.sample.applyAsLong(row);
            if (sample >= minSample && metric.value.apply(row) != null) {
                eligible.add(row);
            } else {
                apart.add(new Unranked(row.key(), sample));
            }
        }
        Comparator<KpiRow> byValue = Comparator.comparing(metric.value);
        eligible.sort((metric.higherIsBetter ? byValue.reversed() : byValue).thenComparing(KpiRow::key));
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            KpiRow row = eligible.get(i);
            double value = metric.value.apply(row);
            int rank = i > 0 && ranked.get(i - 1).value() == value
                    ? ranked.get(i - 1).rank()
                    : i + 1;
            ranked.add(new Ranked(rank, row.key(), value, metric.sample.applyAsLong(row)));
        }
        apart.sort(Comparator.comparing(Unranked::key));
        return new Result(metric.label(), minSample, ranked, apart);
    }
}

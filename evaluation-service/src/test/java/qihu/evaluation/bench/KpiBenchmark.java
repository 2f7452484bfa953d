package qihu.evaluation.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.kpi.CaseFacts;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiReadModel;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.kpi.Ranking;
import qihu.events.EventEnvelope;

/**
 * Run on purpose, not in the build: KPI queries over the live columnar read model ({@link KpiReadModel}) of
 * {@code -Dqihu.bench.cases} cases (default 1,000,000, ReportBenchmark's month), with the object walk
 * ({@link KpiCalculator#computeFrom}) over the same cases as the baseline.
 *
 * <pre>
 * ./mvnw -B -ntp -pl evaluation-service verify -DskipITs -Dspotless.check.skip=true \
 *     -Dtest=KpiBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dqihu.bench=true -DargLine=-Xmx6g
 * </pre>
 */
@EnabledIfSystemProperty(named = "qihu.bench", matches = "true")
class KpiBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Test
    void kpiQueriesOverAMillionCases() {
        int cases = Integer.getInteger("qihu.bench.cases", 1_000_000);
        int runs = Integer.getInteger("qihu.bench.runs", 200);
        KpiCalculator calculator = new KpiCalculator(WorkingDayCalendar.bundled(), ZONE);
        KpiReadModel model = new KpiReadModel(calculator);
        long t0 = System.nanoTime();
        long events = 0;
        for (int n = 0; n < cases; n++) {
            for (EventEnvelope<?> e : ReportBenchmark.eventsOf(n, cases)) {
                model.accept(e);
                events++;
            }
        }
        System.gc();
        report(
                "live read model fed %d events of %d cases in %.1f s; heap used after GC %d MB",
                events,
                model.cases(),
                (System.nanoTime() - t0) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);

        Instant from = LocalDate.of(2026, 11, 1).atStartOfDay(ZONE).toInstant();
        Instant to = LocalDate.of(2026, 12, 1).atStartOfDay(ZONE).toInstant();
        Instant asOf =
                LocalDate.of(2026, 12, 20).atTime(LocalTime.NOON).atZone(ZONE).toInstant();
        Map<String, KpiCalculator.Query> queries = new java.util.LinkedHashMap<>();
        queries.put("whole month, all", new KpiCalculator.Query(from, to, asOf, Dimension.ALL));
        queries.put("city 330700, month, by board", new KpiCalculator.Query(from, to, asOf, Dimension.BOARD, "330700"));
        queries.put(
                "county 330782, month, by department",
                new KpiCalculator.Query(from, to, asOf, Dimension.DEPARTMENT, "330782"));
        queries.put("whole month, by region rolled up", new KpiCalculator.Query(from, to, asOf, Dimension.REGION));
        queries.put("whole month, by department", new KpiCalculator.Query(from, to, asOf, Dimension.DEPARTMENT));
        queries.forEach((name, query) -> latency(name, runs, () -> model.compute(query)));
        KpiCalculator.Query departments = queries.get("whole month, by department");
        latency(
                "ranking of departments by satisfaction (min sample 10)",
                runs,
                () -> Ranking.rank(model.compute(departments), Ranking.Metric.SATISFACTION, 10));

        // The baseline: the same queries walking the case objects, and a check that both give the same figures.
        Map<String, CaseFacts> objects = ReportBenchmark.readModel(cases);
        queries.forEach((name, query) -> {
            List<KpiRow> walked = calculator.computeFrom(objects.values(), query);
            if (!walked.equals(model.compute(query))) {
                throw new AssertionError("the columnar model and the object walk disagree on " + name);
            }
            latency("baseline (object walk): " + name, 7, () -> calculator.computeFrom(objects.values(), query));
        });
    }

    /** Runs {@code work} {@code runs} times after as many warm-up runs; wall-clock and thread-CPU percentiles. */
    private static void latency(String name, int runs, Supplier<?> work) {
        for (int i = 0; i < runs; i++) {
            work.get();
        }
        Histogram wall = new Histogram(3);
        Histogram cpu = new Histogram(3);
        Object result = null;
        for (int i = 0; i < runs; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            result = work.get();
            wall.recordValue((System.nanoTime() - s) / 1000);
            cpu.recordValue((CPU.getCurrentThreadCpuTime() - c) / 1000);
        }
        int rows = result instanceof List<?> list ? list.size() : -1;
        report(
                "%s (%s, %d runs): wall ms p50 %.2f p99 %.2f max %.2f; thread CPU ms p50 %.2f p99 %.2f max %.2f",
                name,
                rows >= 0 ? rows + " rows" : "ranking",
                runs,
                wall.getValueAtPercentile(50) / 1000.0,
                wall.getValueAtPercentile(99) / 1000.0,
                wall.getMaxValue() / 1000.0,
                cpu.getValueAtPercentile(50) / 1000.0,
                cpu.getValueAtPercentile(99) / 1000.0,
                cpu.getMaxValue() / 1000.0);
    }

    private static void report(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}

package qihu.evaluation.bench;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.kpi.CaseFacts;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.EventLog;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.report.CommonIssueReport;
import qihu.evaluation.report.Industries;
import qihu.evaluation.report.ReportBuilder;
import qihu.evaluation.report.ReportHtml;
import qihu.evaluation.report.ReportKind;
import qihu.evaluation.report.ReportPeriod;
import qihu.evaluation.report.ReportXlsx;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.CloseReason;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.FeedbackRecorded;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run on purpose, not in the build: the monthly common-issue report and a KPI query over a read model of
 * {@code -Dqihu.bench.cases} cases (default 1,000,000) received in one month, folded in memory from their events.
 *
 * <pre>
 * ./mvnw -B -ntp -pl evaluation-service -am verify -DskipITs -Dspotless.check.skip=true \
 *     -Dtest=ReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dqihu.bench=true -DargLine=-Xmx6g
 * </pre>
 */
@EnabledIfSystemProperty(named = "qihu.bench", matches = "true")
class ReportBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] REGIONS = {
        "330702", "330702002", "330703", "330782", "330782001", "330783", "330802", "330881", "330102", "330106"
    };
    private static final String[] BOARDS = {"PROJECT", "POLICY", "FINANCE", "TALENT", "LAW", "TECH", "OPEN", "DATA"};
    private static final String[] CHANNELS = {"hotline-12345", "zheliban", "qiyema", "minhuwowei", "window", "visit"};
    private static final String[] TRADES = {"机械有限公司", "物流有限公司", "商贸有限公司", "有限公司"};
    private static final String[] TOPICS = {
        "厂房消防验收迟迟未办结", "小微企业贷款审批缓慢", "人才公寓申请排队过长", "用电报装容量不足", "排污许可证延续办理慢", "出口退税进度缓慢",
        "用工招聘补贴未兑现", "道路施工影响企业出入", "专利资助申报流程复杂", "高新技术企业认定咨询", "供水管网改造停水", "食品经营许可变更"
    };

    @Test
    void monthlyReportAndKpiQueryOverAMillionCases() throws IOException {
        int cases = Integer.getInteger("qihu.bench.cases", 1_000_000);
        KpiCalculator calculator = new KpiCalculator(WorkingDayCalendar.bundled(), ZONE);

        long t0 = System.nanoTime();
        Map<String, CaseFacts> model = readModel(cases);
        long loaded = System.nanoTime();
        report(
                "read model folded from %d cases' events in %.1f s; heap used %d MB",
                cases,
                secs(t0, loaded),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);

        Instant from = LocalDate.of(2026, 11, 1).atStartOfDay(ZONE).toInstant();
        Instant to = LocalDate.of(2026, 12, 1).atStartOfDay(ZONE).toInstant();
        Instant asOf =
                LocalDate.of(2026, 12, 20).atTime(LocalTime.NOON).atZone(ZONE).toInstant();
        for (Dimension by : List.of(Dimension.ALL, Dimension.REGION, Dimension.DEPARTMENT)) {
            String ms =
                    timed(7, () -> calculator.computeFrom(model.values(), new KpiCalculator.Query(from, to, asOf, by)));
            List<KpiRow> rows = calculator.computeFrom(model.values(), new KpiCalculator.Query(from, to, asOf, by));
            report("KPI query by %s over the month: %d rows; ms per run (7 runs, sorted): %s", by, rows.size(), ms);
        }

        String echarts = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/resources/webjars/echarts/*/dist/echarts.min.js")[0]
                        .getContentAsString(StandardCharsets.UTF_8);
        ReportBuilder builder = new ReportBuilder(
                calculator,
                ZONE,
                new ReportBuilder.Limits(3, 2, 20, 200, 1000, 5, 20_000, 50),
                new Industries(List.of(
                        new Industries.Rule("制造业", List.of("机械")),
                        new Industries.Rule("交通运输、仓储和邮政业", List.of("物流")),
                        new Industries.Rule("批发和零售业", List.of("商贸")))));
        ReportHtml html = new ReportHtml(echarts, JsonMapper.builder().build(), ZONE);
        ReportXlsx xlsx = new ReportXlsx(ZONE);
        JsonMapper json = JsonMapper.builder().build();
        ReportPeriod november =
                new ReportPeriod(ReportKind.MONTHLY, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        for (int run = 1; run <= 3; run++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long b0 = System.nanoTime();
            CommonIssueReport report = builder.build(november, model, asOf);
            long b1 = System.nanoTime();
            long c1 = CPU.getCurrentThreadCpuTime();
            byte[] h = html.render(report);
            byte[] x = xlsx.render(report);
            byte[] j = json.writeValueAsBytes(report);
            long b2 = System.nanoTime();
            long c2 = CPU.getCurrentThreadCpuTime();
            report(
                    "monthly report run %d: build %.2f s (CPU %.2f s), render HTML+xlsx+JSON %.2f s (CPU %.2f s),"
                            + " total %.2f s (CPU %.2f s); %d cases, %d"
                            + " clusters, %d common issues, %d recurrences; HTML %d KB, xlsx %d KB, JSON %d KB",
                    run,
                    secs(b0, b1),
                    cpuSecs(c0, c1),
                    secs(b1, b2),
                    cpuSecs(c1, c2),
                    secs(b0, b2),
                    cpuSecs(c0, c2),
                    report.overall().cases(),
                    report.clusterCount(),
                    report.commonIssueCount(),
                    report.recurrenceCount(),
                    h.length >> 10,
                    x.length >> 10,
                    j.length >> 10);
        }
    }

    /**
     * The same read model through the store the service uses: {@code -Dqihu.bench.store-cases} cases' events
     * (default 50,000) written to an in-process mongo-java-server's {@code event_log} in batches, then read back,
     * decoded and folded the way {@code EventLog.upTo} and {@code KpiCalculator.fold} do for every report.
     */
    @Test
    void theEventLogThroughTheEmbeddedStore() {
        int cases = Integer.getInteger("qihu.bench.store-cases", 50_000);
        EventCodec codec = new EventCodec();
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        try (MongoClient client =
                MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "bench");
            EventLog log = new EventLog(mongo, codec);
            List<Document> batch = new ArrayList<>();
            long events = 0;
            long w0 = System.nanoTime();
            for (int n = 0; n < cases; n++) {
                for (EventEnvelope<?> e : eventsOf(n, cases)) {
                    batch.add(new Document("_id", e.eventId())
                            .append("caseId", "case-" + n)
                            .append("occurredAt", Date.from(e.occurredAt()))
                            .append("json", codec.encodeToString(e)));
                    events++;
                }
                if (batch.size() >= 1000 || n == cases - 1) {
                    Mono.from(client.getDatabase("bench")
                                    .getCollection("event_log")
                                    .insertMany(batch))
                            .block();
                    batch.clear();
                }
            }
            long w1 = System.nanoTime();
            report(
                    "event_log written: %d cases, %d events in %.1f s (%.0f events/s, batches of 1000)",
                    cases, events, secs(w0, w1), events / secs(w0, w1));
            Instant asOf = LocalDate.of(2026, 12, 20)
                    .atTime(LocalTime.NOON)
                    .atZone(ZONE)
                    .toInstant();
            for (int run = 1; run <= 2; run++) {
                long r0 = System.nanoTime();
                List<EventEnvelope<?>> read = log.upTo(asOf).collectList().block();
                long r1 = System.nanoTime();
                Map<String, CaseFacts> model = KpiCalculator.fold(read, asOf);
                long r2 = System.nanoTime();
                report(
                        "event_log read back sorted (%d events) %.1f s, folded to %d cases %.2f s",
                        read.size(), secs(r0, r1), model.size(), secs(r1, r2));
            }
        } finally {
            server.shutdownNow();
        }
    }

    /** The cases of November 2026, each folded from its events: 5% in clusters, 1% recurrences, 1 in 7 merged. */
    static Map<String, CaseFacts> readModel(int cases) {
        Map<String, CaseFacts> model = new HashMap<>(cases * 2);
        for (int n = 0; n < cases; n++) {
            CaseFacts c = new CaseFacts("case-" + n);
            for (EventEnvelope<?> e : eventsOf(n, cases)) {
                c.apply(e);
            }
            model.put(c.caseId(), c);
        }
        return model;
    }

    private static final List<LocalDate> NOVEMBER = novemberWorkingDays();

    private static List<LocalDate> novemberWorkingDays() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 11, 2); d.getMonthValue() == 11; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                days.add(d);
            }
        }
        return days;
    }

    /** The events of case {@code n} of {@code cases}. */
    static List<EventEnvelope<?>> eventsOf(int n, int cases) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        List<LocalDate> days = NOVEMBER;
        String caseId = "case-" + n;
        String region = REGIONS[n % REGIONS.length];
        String board = BOARDS[n % BOARDS.length];
        OwnerLevel level =
                region.length() == 9 ? OwnerLevel.TOWNSHIP : n % 3 == 0 ? OwnerLevel.CITY : OwnerLevel.COUNTY;
        LocalDate day = days.get(n % days.size());
        Instant received = day.atTime(9, 0).atZone(ZONE).toInstant().plusSeconds(n % 28_000);
        // Clusters of 2..20 cases among the first 5%: each case linked to the one before in its cluster.
        List<String> related = List.of();
        int clusterSpan = cases / 20;
        if (n < clusterSpan && n % 20 != 0) {
            related = List.of("case-" + (n - 1));
        }
        String recurrence = n % 100 == 99 ? "case-" + (n - 50) : null;
        String text = TOPICS[n % TOPICS.length] + "，第" + n + "号企业反映";
        String corr = "req-" + n;
        String dept = region + "-" + board.toLowerCase(Locale.ROOT);
        events.add(EventEnvelope.of(
                "e1-" + n,
                received,
                corr,
                new CaseOpened(
                        caseId,
                        "QH" + n,
                        corr,
                        CHANNELS[n % CHANNELS.length],
                        new Enterprise(
                                String.format("91330700MA%08d", n / 2), "企业" + n / 2 + TRADES[n / 2 % TRADES.length]),
                        region,
                        text.substring(0, 11),
                        text,
                        new Classification(board, Complexity.GENERAL, level, 0.9),
                        received,
                        related,
                        recurrence)));
        if (n % 7 == 0) {
            events.add(EventEnvelope.of(
                    "e2-" + n,
                    received.plusSeconds(600),
                    corr,
                    new RequestMerged(caseId, "QH" + n, "dup-" + n, "zheliban", 0.9, "dup")));
        }
        Instant due = received.plusSeconds(5 * 86_400L);
        events.add(EventEnvelope.of(
                "e3-" + n,
                received.plusSeconds(60),
                corr,
                new TaskAssigned(caseId, caseId + "-r1", 1, dept, dept, region, level, 3, due)));
        if (n % 10 != 9) {
            Instant resolved = received.plusSeconds(2 * 86_400L);
            events.add(EventEnvelope.of(
                    "e4-" + n,
                    resolved,
                    corr,
                    new TaskResolved(caseId, caseId + "-r1", 1, dept, "h", "已办理", resolved, due, n % 10 != 5)));
            Rating rating = n % 10 == 8 ? Rating.UNSATISFIED : Rating.SATISFIED;
            events.add(EventEnvelope.of(
                    "e5-" + n,
                    resolved.plusSeconds(3600),
                    corr,
                    new FeedbackRecorded(caseId, 1, rating, null, "zheliban")));
            if (rating.satisfied()) {
                Instant closed = resolved.plusSeconds(3600);
                events.add(EventEnvelope.of(
                        "e6-" + n, closed, corr, new CaseClosed(caseId, 1, CloseReason.RATED, rating, closed)));
            }
        }
        return events;
    }

    /** Wall-clock ms of each run, sorted, then the CPU ms this thread spent in each run, sorted. */
    private static String timed(int runs, Supplier<?> work) {
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            work.get();
            wall[i] = Math.round((System.nanoTime() - s) / 100_000.0) / 10.0;
            cpu[i] = Math.round((CPU.getCurrentThreadCpuTime() - c) / 100_000.0) / 10.0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return "wall " + Arrays.toString(wall) + ", thread CPU " + Arrays.toString(cpu);
    }

    /**
     * The machine is shared: the thread's CPU time says what the work costs, the wall clock what it got. Both are
     * reported.
     */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static double cpuSecs(long from, long to) {
        return (to - from) / 1e9;
    }

    private static double secs(long from, long to) {
        return (to - from) / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}

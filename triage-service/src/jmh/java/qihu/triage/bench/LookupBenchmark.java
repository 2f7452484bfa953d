package qihu.triage.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import qihu.triage.dedup.MinHashSignature;
import qihu.triage.dedup.MinHasher;
import qihu.triage.dedup.NearDuplicateIndex;
import qihu.triage.text.TextAnalyzer;

/**
 * Near-duplicate look-up against a million stored cases (issue 4: p99 ≤ 1 ms, index ≤ 1 GiB of heap). The fork runs
 * with {@code -Xmx1g}, so the index has to fit in a gibibyte next to the benchmark itself; the heap the index holds is
 * printed at set-up as the difference of the used heap after full collections before and after filling it (the
 * texts it was filled from are garbage by then). Sample time gives the latency percentiles.
 *
 * <p>Stored cases: distinct texts of about 300 characters, each put together from clauses of several seed-corpus
 * requests picked at random, with a district, a product and numbers (amounts, counts, buildings) of its own, spread
 * over 200,000 enterprises; so band chains hold the cases that really share wording, not thousands of copies of one
 * text. Queries: stored texts re-sent with a greeting (a rewording that must be found).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
public class LookupBenchmark {

    private static final int ENTERPRISES = 200_000;
    private static final int QUERIES = 4096;
    private static final List<String> DISTRICTS = List.of(
            "上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区", "桐庐县", "淳安县", "建德市",
            "鄞州区", "海曙区", "北仑区", "镇海区", "慈溪市", "余姚市", "瓯海区", "乐清市", "瑞安市", "南湖区", "海宁市", "桐乡市", "吴兴区",
            "德清县", "越城区", "柯桥区", "诸暨市", "婺城区", "义乌市", "东阳市", "永康市", "柯城区", "定海区", "椒江区", "温岭市", "莲都区");
    private static final List<String> PRODUCTS = List.of(
            "汽车零部件", "纺织面料", "五金工具", "电子元器件", "光伏组件", "医疗器械", "家具", "化纤", "模具", "食品", "服装", "不锈钢管",
            "包装材料", "塑料制品", "阀门", "电机", "锂电池", "印染布", "茶叶", "小商品");

    @Param("1000000")
    public int cases;

    private NearDuplicateIndex index;
    private MinHashSignature[] queries;
    private String[] queryEnterprises;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        TextAnalyzer analyzer = TextAnalyzer.standard();
        List<String> clauses = seedClauses();
        Random random = new Random(42);
        long before = usedHeap();
        index = new NearDuplicateIndex(cases);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<MinHashSignature> querySignatures = new ArrayList<>();
        List<String> enterprises = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            String enterprise = "9133" + random.nextInt(ENTERPRISES);
            String text = distinctText(clauses, random);
            index.add(
                    new NearDuplicateIndex.IndexedCase("case-" + i + "-20260101", enterprise, at.plusSeconds(i), true),
                    MinHasher.sign(analyzer.analyze(text)));
            if (i % Math.max(1, cases / QUERIES) == 0 && querySignatures.size() < QUERIES) {
                querySignatures.add(MinHasher.sign(analyzer.analyze("您好，再次反映：" + text)));
                enterprises.add(enterprise);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        queries = querySignatures.toArray(MinHashSignature[]::new);
        queryEnterprises = enterprises.toArray(String[]::new);
        long held = usedHeap() - before;
        System.out.printf(
                Locale.ROOT,
                "%nindex: %,d cases added in %.1f s; heap held (index + %d query signatures) %,d MiB, %.0f bytes per"
                        + " case; max heap %,d MiB%n",
                index.size(),
                seconds,
                queries.length,
                held >> 20,
                (double) held / cases,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    @Benchmark
    public List<NearDuplicateIndex.Hit> lookup() {
        next = (next + 1) % queries.length;
        return index.query(queries[next], queryEnterprises[next], 0.25, 20);
    }

    /** Every clause of the seed corpus (cut at 。；！？ and commas). */
    private static List<String> seedClauses() {
        List<String> clauses = new ArrayList<>();
        for (String text : BenchmarkTexts.of(400, FingerprintBenchmark.TEXT_LENGTH, 11)) {
            for (String clause : text.split("(?<=[，。；！？])")) {
                if (clause.length() >= 4) {
                    clauses.add(clause);
                }
            }
        }
        return clauses;
    }

    /**
     * About 300 characters: the enterprise's district and product, then clauses drawn at random from the whole seed
     * corpus, each followed by a number half of the time.
     */
    private static String distinctText(List<String> clauses, Random random) {
        StringBuilder text = new StringBuilder(360);
        text.append("我司是")
                .append(DISTRICTS.get(random.nextInt(DISTRICTS.size())))
                .append("一家")
                .append(PRODUCTS.get(random.nextInt(PRODUCTS.size())))
                .append("企业，");
        while (text.length() < FingerprintBenchmark.TEXT_LENGTH) {
            text.append(clauses.get(random.nextInt(clauses.size())));
            if (random.nextBoolean()) {
                text.append(random.nextInt(1000)).append(random.nextBoolean() ? "万元，" : "号，");
            }
        }
        return text.substring(0, FingerprintBenchmark.TEXT_LENGTH);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

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
 * <p>Stored cases: 300-character seed-corpus texts, varied by a number per clause so that no two are alike, spread
 * over 200,000 enterprises. Queries: stored texts re-sent with a greeting (a rewording that must be found).
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
    private static final int BASE_TEXTS = 4096;

    @Param("1000000")
    public int cases;

    private NearDuplicateIndex index;
    private MinHashSignature[] queries;
    private String[] queryEnterprises;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        TextAnalyzer analyzer = TextAnalyzer.standard();
        List<String> base = BenchmarkTexts.of(BASE_TEXTS, FingerprintBenchmark.TEXT_LENGTH, 11);
        Random random = new Random(42);
        long before = usedHeap();
        index = new NearDuplicateIndex(cases);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<MinHashSignature> querySignatures = new ArrayList<>();
        List<String> enterprises = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            String enterprise = "9133" + random.nextInt(ENTERPRISES);
            String text = varied(base.get(random.nextInt(BASE_TEXTS)), random);
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

    /** A stored text made unique: a number after every clause, as amounts, dates and counts vary between requests. */
    private static String varied(String text, Random random) {
        StringBuilder out = new StringBuilder(text.length() + 40);
        for (String clause : text.split("(?<=[，。；])")) {
            out.append(clause);
            if (random.nextBoolean()) {
                out.append(random.nextInt(1000));
            }
        }
        return out.toString();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

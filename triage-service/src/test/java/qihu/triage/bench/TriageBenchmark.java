package qihu.triage.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.TextClassifier;
import qihu.triage.dedup.MinHashSignature;
import qihu.triage.dedup.MinHasher;
import qihu.triage.dedup.NearDuplicateIndex;
import qihu.triage.text.TextAnalyzer;

/**
 * Quick throughput and latency figures, single-threaded, without JMH (warm-up, then timed loops): fingerprinting and
 * classifying 300-character requests, and the near-duplicate index filled with a million cases (heap used, lookup
 * latency). Run on purpose, not by the build; QUALITY.md has the command and the figures.
 *
 * <p>Arguments: {@code [cases]} (default 1,000,000). Run with the heap the index must fit in, e.g. {@code -Xmx1g}.
 */
public final class TriageBenchmark {

    static final int TEXT_LENGTH = 300;
    static final int WARM_UP = 3_000;
    static final int MEASURED = 20_000;
    static final int QUERIES = 20_000;
    static final int ENTERPRISES = 200_000;

    public static void main(String[] args) {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> clauses = clauses();
        Random random = new Random(42);
        System.out.printf(
                Locale.ROOT,
                "JVM %s, %d cores, max heap %d MiB%n",
                System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            texts.add(text(clauses, random, TEXT_LENGTH));
        }
        fingerprinting(texts);
        classification(texts);
        index(clauses, random, cases);
    }

    private static void fingerprinting(List<String> texts) {
        TextAnalyzer analyzer = TextAnalyzer.standard();
        long sink = 0;
        for (String text : texts.subList(0, WARM_UP)) {
            sink += MinHasher.sign(analyzer.analyze(text)).bandKey(0);
        }
        long started = cpuTime();
        for (String text : texts.subList(WARM_UP, texts.size())) {
            sink += MinHasher.sign(analyzer.analyze(text)).bandKey(0);
        }
        report("fingerprint (segment + MinHash), 300 chars", started, MEASURED, sink);
    }

    private static void classification(List<String> texts) {
        TextClassifier model = DefaultModel.get();
        long sink = 0;
        for (String text : texts.subList(0, WARM_UP)) {
            sink += model.classify(text).size();
        }
        long started = cpuTime();
        for (String text : texts.subList(WARM_UP, texts.size())) {
            sink += model.classify(text).get("board").label().length();
        }
        report("classify (board + complexity + level), 300 chars", started, MEASURED, sink);
    }

    private static void index(List<String> clauses, Random random, int cases) {
        TextAnalyzer analyzer = TextAnalyzer.standard();
        long before = usedHeap();
        NearDuplicateIndex index = new NearDuplicateIndex(cases);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        long started = System.nanoTime();
        List<String> queries = new ArrayList<>();
        List<String> queryEnterprises = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String enterprise = "9133" + random.nextInt(ENTERPRISES);
            String text = text(clauses, random, 60 + random.nextInt(240));
            index.add(
                    new NearDuplicateIndex.IndexedCase("case-" + i + "-20260101", enterprise, at.plusSeconds(i), true),
                    MinHasher.sign(analyzer.analyze(text)));
            if (i % (cases / QUERIES) == 0 && queries.size() < QUERIES) {
                queries.add("您好，再次反映：" + text);
                queryEnterprises.add(enterprise);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "index: %,d cases added in %.1f s; heap held by the index %,d MiB (%.0f bytes/case)%n",
                index.size(),
                seconds,
                (after - before) >> 20,
                (double) (after - before) / cases);

        List<MinHashSignature> signatures =
                queries.stream().map(q -> MinHasher.sign(analyzer.analyze(q))).toList();
        long[] latencies = new long[signatures.size()];
        int found = 0;
        for (int round = 0; round < 2; round++) {
            for (int q = 0; q < signatures.size(); q++) {
                long t = System.nanoTime();
                List<NearDuplicateIndex.Hit> hits = index.query(signatures.get(q), queryEnterprises.get(q), 0.25, 20);
                latencies[q] = System.nanoTime() - t;
                found += round == 1 && !hits.isEmpty() ? 1 : 0;
            }
        }
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "index lookup (%,d queries, warm): p50 %.3f ms, p99 %.3f ms, max %.3f ms; %d of them found candidates%n",
                latencies.length,
                latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6,
                latencies[latencies.length - 1] / 1e6,
                found);
    }

    /**
     * CPU time of this thread: "per core" as the brief means it, and steadier than wall-clock time on a shared
     * machine.
     */
    private static long cpuTime() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void report(String what, long started, int count, long sink) {
        double seconds = (cpuTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s: %,.0f per second per core, thread CPU time (%.1f µs each)%s%n",
                what,
                count / seconds,
                seconds * 1e6 / count,
                sink == 42 ? " " : "");
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The seed corpus cut into clauses: texts of any length are made of them. */
    private static List<String> clauses() {
        List<String> clauses = new ArrayList<>();
        DefaultModel.seedCorpus()
                .forEach(e -> clauses.addAll(Arrays.asList(e.text().split("[，。]"))));
        clauses.removeIf(String::isBlank);
        return clauses;
    }

    private static String text(List<String> clauses, Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(clauses.get(random.nextInt(clauses.size())))
                    .append(random.nextInt(1000))
                    .append('，');
        }
        return text.substring(0, length);
    }
}

package qihu.triage.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import qihu.triage.dedup.DedupDecision;
import qihu.triage.dedup.DedupPolicy;
import qihu.triage.dedup.DuplicateDetector;
import qihu.triage.dedup.DuplicateDetector.CaseCandidate;
import qihu.triage.dedup.DuplicateDetector.IncomingRequest;
import qihu.triage.dedup.NearDuplicateIndex;

/**
 * The triage consumer's duplicate detection per request, as {@code Triage} runs it, without the store and the broker:
 * the index's candidates, the enterprise's recent cases and the other enterprises' similar cases loaded (from a map
 * here), then judged. {@code stored} cases of the load generator's kind are in the index and the "store" first
 * ({@link ProblemBankTraffic}: a bank of {@code problems} problems, so every request has many near-duplicates of other
 * enterprises; one request in ten is an enterprise raising its case again, reworded). Requests per second, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DetectionBenchmark {

    private static final int REQUESTS = 4096;

    @Param({"10000", "100000"})
    public int stored;

    @Param("20")
    public int problems;

    private DuplicateDetector detector;
    private final Map<String, CaseCandidate> store = new HashMap<>();
    private final Map<String, List<CaseCandidate>> byEnterprise = new HashMap<>();
    private IncomingRequest[] requests;
    private int next;
    private final Map<DedupDecision.Outcome, Integer> outcomes = new java.util.EnumMap<>(DedupDecision.Outcome.class);
    private long judged;
    private volatile Thread worker;
    private long iterationStart;
    private long iterationRequests;

    @Setup(Level.Trial)
    public void fill() {
        detector = new DuplicateDetector(new NearDuplicateIndex(stored), DedupPolicy.DEFAULT);
        ProblemBankTraffic traffic = new ProblemBankTraffic(problems, 11);
        for (int i = 0; i < stored; i++) {
            CaseCandidate kase = traffic.freshCase(i);
            detector.remember(kase);
            store.put(kase.caseId(), kase);
            byEnterprise.computeIfAbsent(kase.enterpriseUscc(), e -> new ArrayList<>()).add(kase);
        }
        requests = new IncomingRequest[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            requests[i] = traffic.request(i, stored + i);
        }
    }

    @Benchmark
    public DedupDecision detect() {
        worker = Thread.currentThread();
        next = (next + 1) % REQUESTS;
        DuplicateDetector.Probe probe = detector.probe(requests[next]);
        IncomingRequest request = probe.request();
        List<CaseCandidate> candidates = new ArrayList<>(byEnterprise.getOrDefault(request.enterpriseUscc(), List.of()));
        for (NearDuplicateIndex.Hit hit : detector.candidates(probe)) {
            if (!hit.sameEnterprise()) {
                candidates.add(store.get(hit.caseId()));
            }
        }
        judged += candidates.size();
        DedupDecision decision = detector.decide(probe, candidates);
        outcomes.merge(decision.outcome(), 1, Integer::sum);
        return decision;
    }

    /** CPU time of the benchmark thread per request in each iteration: what the machine's other load cannot distort. */
    @Setup(Level.Iteration)
    public void startIteration() {
        iterationStart = cpuTime();
        iterationRequests = total();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long requests = total() - iterationRequests;
        System.out.printf(
                Locale.ROOT,
                " [%d requests, %.0f µs CPU each = %.0f requests/s of CPU] ",
                requests,
                (cpuTime() - iterationStart) / 1e3 / requests,
                requests * 1e9 / (cpuTime() - iterationStart));
    }

    @TearDown(Level.Trial)
    public void report() {
        long total = total();
        System.out.printf(
                Locale.ROOT,
                "%n%d requests: %s; %.1f candidates loaded per request; analysis cache hit rate %.3f%n",
                total,
                outcomes,
                (double) judged / total,
                detector.analysisCacheHitRate());
    }

    private long total() {
        return outcomes.values().stream().mapToLong(Integer::longValue).sum();
    }

    private long cpuTime() {
        return worker == null ? 0 : ManagementFactory.getThreadMXBean().getThreadCpuTime(worker.getId());
    }
}

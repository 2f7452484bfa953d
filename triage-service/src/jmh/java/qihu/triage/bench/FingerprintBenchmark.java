package qihu.triage.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.TextClassifier;
import qihu.triage.dedup.MinHashSignature;
import qihu.triage.dedup.MinHasher;
import qihu.triage.text.TextAnalyzer;

/**
 * Per-request CPU work of triage on 300-character requests, one thread (issue 4: fingerprinting ≥ 30k/s and
 * classification ≥ 5k/s per core): fingerprinting is normalising, segmenting (HanLP), dropping stop words and the
 * MinHash signature; classification is the default model's three heads (board, complexity, level).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class FingerprintBenchmark {

    static final int TEXT_LENGTH = 300;
    private static final int TEXTS = 1024;

    private TextAnalyzer analyzer;
    private TextClassifier classifier;
    private List<String> texts;
    private int next;

    @Setup
    public void setUp() {
        analyzer = TextAnalyzer.standard();
        classifier = DefaultModel.get();
        texts = BenchmarkTexts.of(TEXTS, TEXT_LENGTH, 7);
    }

    private String nextText() {
        next = (next + 1) & (TEXTS - 1);
        return texts.get(next);
    }

    @Benchmark
    public MinHashSignature fingerprint() {
        return MinHasher.sign(analyzer.analyze(nextText()));
    }

    @Benchmark
    public Object classify() {
        return classifier.classify(nextText());
    }
}

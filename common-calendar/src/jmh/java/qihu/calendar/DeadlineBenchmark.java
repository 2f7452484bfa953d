package qihu.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deadline computation (办理时限) as dispatch does it for every new task: receipt instants spread over 2025–2026 (so
 * holidays, make-up days and year ends are crossed), N working days, the deadline instant in Asia/Shanghai. Target: ≥ 1
 * million per second on a 2-core machine (brief, section 5).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeadlineBenchmark {

    private static final int RECEIPTS = 4096;

    @Param({"3", "7"})
    int workingDays;

    private DeadlineCalculator deadlines;
    private Instant[] received;
    private int next;

    @Setup
    public void setUp() {
        deadlines = new DeadlineCalculator(WorkingDayCalendar.bundled());
        received = new Instant[RECEIPTS];
        long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < RECEIPTS; i++) {
            received[i] = Instant.ofEpochSecond(from + random.nextLong(to - from));
        }
    }

    /** The deadline as stored with a task. */
    @Benchmark
    public Instant deadlineInstant() {
        Instant at = received[next++ & (RECEIPTS - 1)];
        return deadlines.deadlineInstant(at, workingDays);
    }

    /** The calendar's part alone: the N-th working day after a date. */
    @Benchmark
    public LocalDate nthWorkingDayAfter() {
        Instant at = received[next++ & (RECEIPTS - 1)];
        return deadlines.calendar().nthWorkingDayAfter(deadlines.receiptDate(at), workingDays);
    }
}

package qihu.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Writes what concurrent callers submit in batches: while a batch is being written, new items queue up, and the next
 * batch takes all of them (up to a maximum). A lone caller is written at once, alone; under load one store command
 * carries many items, so the per-command cost of driver, network and store is paid once per batch. No timer: the
 * batch forms while the previous one is in flight.
 *
 * @param <T> what is written
 * @param <R> each item's outcome; the writer answers them in the order of the items
 */
public final class GroupCommit<T, R> {

    private record Pending<T, R>(T item, MonoSink<R> caller) {}

    private final Function<List<T>, Mono<List<R>>> writer;
    private final int maxBatch;
    private final int maxInFlight;
    private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger draining = new AtomicInteger();

    /** Items per batch at most, by default: one store command carries this many. */
    public static final int DEFAULT_MAX_BATCH = 256;
    /** Batches written at the same time at most, by default: one forming while another is in flight. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;

    /** With the default sizes ({@value #DEFAULT_MAX_BATCH} per batch, {@value #DEFAULT_MAX_IN_FLIGHT} in flight). */
    public GroupCommit(Function<List<T>, Mono<List<R>>> writer) {
        this(writer, DEFAULT_MAX_BATCH, DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * @param writer writes a batch and answers one outcome per item, in order; failing fails every caller of the batch
     * @param maxBatch items per batch at most
     * @param maxInFlight batches being written at the same time at most
     */
    public GroupCommit(Function<List<T>, Mono<List<R>>> writer, int maxBatch, int maxInFlight) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /** The item's outcome once its batch is written. */
    public Mono<R> submit(T item) {
        return Mono.create(caller -> {
            queue.add(new Pending<>(item, caller));
            drain();
        });
    }

    /** Starts batches while there is room; one thread at a time runs the loop, the others leave it a note. */
    private void drain() {
        if (draining.getAndIncrement() != 0) {
            return;
        }
        do {
            while (inFlight.get() < maxInFlight && !queue.isEmpty()) {
                List<Pending<T, R>> batch = new ArrayList<>();
                for (Pending<T, R> next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
                    batch.add(next);
                }
                inFlight.incrementAndGet();
                write(batch);
            }
        } while (draining.decrementAndGet() != 0);
    }

    private void write(List<Pending<T, R>> batch) {
        Mono<List<R>> written;
        try {
            written = writer.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            written = Mono.error(e);
        }
        written.switchIfEmpty(Mono.error(() -> new IllegalStateException("the batch writer answered nothing")))
                .doFinally(signal -> {
                    inFlight.decrementAndGet();
                    drain();
                })
                .subscribe(
                        outcomes -> answer(batch, outcomes),
                        failure -> batch.forEach(p -> p.caller().error(failure)));
    }

    private void answer(List<Pending<T, R>> batch, List<R> outcomes) {
        if (outcomes.size() != batch.size()) {
            var mismatch = new IllegalStateException(
                    "the batch writer answered " + outcomes.size() + " outcomes for " + batch.size() + " items");
            batch.forEach(p -> p.caller().error(mismatch));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).caller().success(outcomes.get(i));
        }
    }
}

package qihu.deploy.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import qihu.deploy.ChannelClient;
import qihu.deploy.traffic.RequestFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed ~1 KB canonical requests round-robin over the eleven channels, against a running intake.
 *
 * <ul>
 *   <li><b>Open loop</b> at a fixed rate: request {@code i} is due at {@code start + i / rate} whether or not earlier
 *       ones were answered, and its latency is counted from when it was due, not from when it could be sent — so a
 *       stall shows in the percentiles instead of being hidden (coordinated omission corrected).
 *   <li><b>Closed loop</b> with {@code concurrency} callers, each sending its next request when the last was
 *       answered: the most the service can take.
 * </ul>
 *
 * Bodies are built before the clock starts, so the driver spends its time sending, not writing JSON.
 */
public final class IntakeLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final String CANONICAL_PATH = "/api/v1/requests";
    /** Enough for an open loop that falls behind; each waiting request holds one. */
    private static final int MAX_CONNECTIONS = 2_000;

    /** One second of the run: when, how many answered, how many failed, latency percentiles (ms). */
    public record Second(int second, long ok, long errors, double p50, double p99, double max) {}

    /** What a run measured; the histogram holds every answered request's latency in microseconds. */
    public record Result(
            String mode,
            double targetRate,
            int concurrency,
            Duration duration,
            long sent,
            long ok,
            long errors,
            Map<String, Long> errorsByKind,
            double achievedRate,
            Histogram latencyMicros,
            List<Second> timeline) {}

    private final ChannelClient client;
    private final HttpClient http;
    private final RequestFactory requests;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public IntakeLoad(ChannelClient client, RequestFactory requests) {
        this.client = client;
        this.requests = requests;
        // Reactor Netty rather than java.net.http: the driver shares the two cores with what it measures, and the JDK
        // client took about twice the CPU per request.
        this.http = HttpClient.create(ConnectionProvider.builder("qihu-load")
                        .maxConnections(MAX_CONNECTIONS)
                        .pendingAcquireMaxCount(-1)
                        .pendingAcquireTimeout(Duration.ofMinutes(2))
                        .build())
                .baseUrl(client.intake().toString())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(Duration.ofMinutes(2));
    }

    /** Requests at {@code rate} per second for {@code duration}, after an unrecorded warm-up of the same rate. */
    public Result openLoop(double rate, Duration warmUp, Duration duration, Consumer<String> progress) {
        if (!warmUp.isZero()) {
            progress.accept("warming up for " + warmUp.toSeconds() + " s at " + rate + " req/s");
            runOpenLoop(rate, warmUp, s -> {});
        }
        progress.accept("measuring for " + duration.toSeconds() + " s at " + rate + " req/s (open loop)");
        return runOpenLoop(rate, duration, progress);
    }

    private Result runOpenLoop(double rate, Duration duration, Consumer<String> progress) {
        int total = (int) Math.round(rate * duration.toSeconds());
        List<Prepared> bodies = prepare(total);
        Run run = new Run(duration);
        long start = System.nanoTime();
        long intervalNanos = (long) (1_000_000_000L / rate);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(send(bodies.get(i), due, run, start));
            run.reportEachSecond(start, progress);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .orTimeout(2, TimeUnit.MINUTES)
                .join();
        return run.result("open loop", rate, 0, total, start);
    }

    /** {@code concurrency} callers, each sending as soon as its last request is answered. */
    public Result closedLoop(int concurrency, Duration warmUp, Duration duration, Consumer<String> progress) {
        if (!warmUp.isZero()) {
            progress.accept("warming up for " + warmUp.toSeconds() + " s with " + concurrency + " callers");
            runClosedLoop(concurrency, warmUp, s -> {});
        }
        progress.accept("measuring for " + duration.toSeconds() + " s with " + concurrency + " callers (closed loop)");
        return runClosedLoop(concurrency, duration, progress);
    }

    private Result runClosedLoop(int concurrency, Duration duration, Consumer<String> progress) {
        Run run = new Run(duration);
        Semaphore callers = new Semaphore(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int sent = 0;
        List<Prepared> batch = List.of();
        int next = 0;
        while (System.nanoTime() < end) {
            if (next == batch.size()) {
                batch = prepare(2_000);
                next = 0;
            }
            callers.acquireUninterruptibly();
            send(batch.get(next++), System.nanoTime(), run, start).whenComplete((r, e) -> callers.release());
            sent++;
            run.reportEachSecond(start, progress);
        }
        callers.acquireUninterruptibly(concurrency);
        return run.result("closed loop", 0, concurrency, sent, start);
    }

    private record Prepared(String channel, byte[] body) {}

    private int sequence;

    private List<Prepared> prepare(int count) {
        List<Prepared> prepared = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String channel = RequestFactory.CHANNELS.get(sequence % RequestFactory.CHANNELS.size());
            String id = "LOAD-" + runId + "-" + sequence++;
            prepared.add(new Prepared(channel, JSON.writeValueAsBytes(requests.fresh(channel, id))));
        }
        return prepared;
    }

    private CompletableFuture<?> send(Prepared request, long due, Run run, long start) {
        Map<String, String> signature = client.signatureHeaders(request.channel(), request.body());
        return http.headers(headers -> {
                    headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                    signature.forEach(headers::set);
                })
                .post()
                .uri(CANONICAL_PATH)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.body())))
                .responseSingle((response, body) -> body.asByteArray()
                        .thenReturn(response.status().code())
                        .defaultIfEmpty(response.status().code()))
                .toFuture()
                .handle((status, failure) -> {
                    long now = System.nanoTime();
                    if (failure == null && status == 202) {
                        run.ok(now - due);
                    } else {
                        run.error(failure != null ? failure.getClass().getSimpleName() : "HTTP " + status);
                    }
                    return null;
                });
    }

    /** Counts and latencies of one run, overall and per second. */
    private static final class Run {
        private final Recorder interval = new Recorder(MAX_LATENCY_NANOS / 1000, 3);
        private final Histogram all = new Histogram(MAX_LATENCY_NANOS / 1000, 3);
        private final LongAdder ok = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder secondErrors = new LongAdder();
        private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        private final List<Second> timeline = new ArrayList<>();
        private final Duration duration;
        private Histogram recycled;
        private int lastSecond;

        Run(Duration duration) {
            this.duration = duration;
        }

        void ok(long latencyNanos) {
            ok.increment();
            interval.recordValue(Math.min(latencyNanos / 1000, MAX_LATENCY_NANOS / 1000));
        }

        void error(String kind) {
            errors.increment();
            secondErrors.increment();
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        void reportEachSecond(long start, Consumer<String> progress) {
            int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            if (second > lastSecond) {
                lastSecond = second;
                closeSecond(second, progress);
            }
        }

        private void closeSecond(int second, Consumer<String> progress) {
            recycled = interval.getIntervalHistogram(recycled);
            all.add(recycled);
            long failed = secondErrors.sumThenReset();
            Second s = new Second(
                    second,
                    recycled.getTotalCount(),
                    failed,
                    recycled.getValueAtPercentile(50) / 1000.0,
                    recycled.getValueAtPercentile(99) / 1000.0,
                    recycled.getMaxValue() / 1000.0);
            timeline.add(s);
            if (second % 5 == 0) {
                progress.accept(String.format(
                        "  %3d/%d s  %6d ok/s  %4d errors  p50 %6.1f ms  p99 %6.1f ms",
                        second, duration.toSeconds(), s.ok(), s.errors(), s.p50(), s.p99()));
            }
        }

        Result result(String mode, double rate, int concurrency, long sent, long start) {
            closeSecond(lastSecond + 1, s -> {});
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> kinds = new java.util.TreeMap<>();
            errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
            return new Result(
                    mode,
                    rate,
                    concurrency,
                    duration,
                    sent,
                    ok.sum(),
                    errors.sum(),
                    kinds,
                    ok.sum() / seconds,
                    all,
                    List.copyOf(timeline));
        }
    }
}

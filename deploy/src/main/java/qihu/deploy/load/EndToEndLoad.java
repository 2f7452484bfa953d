package qihu.deploy.load;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import qihu.deploy.ChannelClient;
import qihu.deploy.traffic.RequestFactory;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.EventEnvelope;
import qihu.events.TaskAssigned;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole loop under load: signed requests from all eleven channels open-loop at a fixed rate (fresh problems,
 * re-raises of earlier ones through another channel, and meetings bringing a batch of problems), handlers and
 * enterprises at the other end ({@link Desk}), and the time from each request to its task being assigned (with its SLA
 * timer armed, in the same write) and to its case being closed. Latencies count from when a request was due, so a
 * stall anywhere shows (coordinated omission corrected).
 */
final class EndToEndLoad {

    /** What the run is asked to do. */
    record Plan(double rate, Duration duration, double reRaiseShare, double batchShare, Duration drainTimeout) {}

    /** Per second of the run: how many were sent, accepted, opened, assigned, closed; latency percentiles (ms). */
    record Second(
            int second,
            long sent,
            long accepted,
            long assigned,
            long closed,
            double intakeP99,
            double assignedP50,
            double assignedP99) {}

    /** What the run measured. */
    record Result(
            Plan plan,
            long sent,
            long accepted,
            Map<String, Long> errors,
            double achievedRate,
            Histogram intake,
            Histogram toAssigned,
            Histogram toClosed,
            long opened,
            long merged,
            long assigned,
            long closed,
            long resolvedByDesk,
            long ratedByDesk,
            Map<String, Long> deskFailures,
            long eventsSeen,
            long eventsRedelivered,
            Duration drained,
            boolean drainedFully,
            Instant started,
            List<Second> timeline,
            Set<String> acceptedRequestIds) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(30);
    private static final int BATCH_SIZE = 3;
    private static final int MAX_SECONDS = 24 * 3600;

    private final ChannelClient client;
    private final RequestFactory requests;
    private final HttpClient http;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private int sequence;

    /** When sending started: the zero of every latency and every second of the timeline. */
    private volatile long startNanos = System.nanoTime();

    private volatile Instant startWall = Instant.now();
    /** requestId → when it was due (nanos since start), for the requests that were accepted. */
    private final Map<String, Long> dueOf = new ConcurrentHashMap<>();
    /** caseId → the requestId that opened it. */
    private final Map<String, String> openerOf = new ConcurrentHashMap<>();

    private final Histogram intake = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Histogram toAssigned = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Histogram toClosed = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Map<Integer, Histogram> intakeBySecond = new ConcurrentHashMap<>();
    private final Map<Integer, Histogram> assignedBySecond = new ConcurrentHashMap<>();
    private final AtomicLongArray sentBySecond = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray acceptedBySecond = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray assignedCountBySecond = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray closedBySecond = new AtomicLongArray(MAX_SECONDS);
    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder opened = new LongAdder();
    /**
     * Cases opened by a request whose 202 the driver saw: only those can be followed to assigned and closed (a request
     * stored just before the store or network failed was answered with an error, though intake has it).
     */
    private final LongAdder openedByKnownRequests = new LongAdder();

    private final LongAdder merged = new LongAdder();
    private final LongAdder assigned = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    EndToEndLoad(ChannelClient client, RequestFactory requests) {
        this.client = client;
        this.requests = requests;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Follows the topics: feed it every event the watcher sees. */
    void onEvent(EventEnvelope<?> event) {
        Object payload = event.payload();
        if (payload instanceof CaseOpened c) {
            opened.increment();
            openerOf.put(c.caseId(), c.requestId());
            if (dueOf.containsKey(c.requestId())) {
                openedByKnownRequests.increment();
            }
        } else if (payload instanceof qihu.events.RequestMerged) {
            merged.increment();
        } else if (payload instanceof TaskAssigned task && task.round() == 1) {
            Long due = dueOfCase(task.caseId());
            if (due != null && !event.occurredAt().isBefore(startWall)) {
                long micros = sinceDueMicros(due, event.occurredAt());
                toAssigned.recordValue(micros);
                int second = secondOf(event.occurredAt());
                assignedBySecond
                        .computeIfAbsent(second, s -> new ConcurrentHistogram(MAX_MICROS, 3))
                        .recordValue(micros);
                assignedCountBySecond.incrementAndGet(second);
                assigned.increment();
            }
        } else if (payload instanceof CaseClosed c) {
            Long due = dueOfCase(c.caseId());
            if (due != null) {
                toClosed.recordValue(sinceDueMicros(due, event.occurredAt()));
                closedBySecond.incrementAndGet(secondOf(event.occurredAt()));
                closed.increment();
            }
        }
    }

    private Long dueOfCase(String caseId) {
        String opener = openerOf.get(caseId);
        return opener == null ? null : dueOf.get(opener);
    }

    private long sinceDueMicros(long dueNanos, Instant at) {
        Instant due = startWall.plusNanos(dueNanos);
        long micros = Duration.between(due, at).toNanos() / 1000;
        return Math.max(0, Math.min(micros, MAX_MICROS));
    }

    private int secondOf(Instant at) {
        long second = Duration.between(startWall, at).toSeconds();
        return (int) Math.max(0, Math.min(second, MAX_SECONDS - 1));
    }

    /**
     * Sends for the plan's duration, then waits until what was accepted has gone all the way round (or the drain
     * timeout).
     */
    Result run(
            Plan plan,
            LifecycleWatcher watcher,
            Desk desk,
            ToLongFunction<Set<String>> heldForPeople,
            LongSupplier backlog,
            Consumer<String> progress) {
        List<Tick> ticks = prepare(plan);
        progress.accept(String.format(
                "sending %d requests in %d calls over %d s (%.0f requests/s, %.0f%% re-raised, %.0f%% in meetings of %d)",
                ticks.stream().mapToInt(Tick::requests).sum(),
                ticks.size(),
                plan.duration().toSeconds(),
                plan.rate(),
                plan.reRaiseShare() * 100,
                plan.batchShare() * 100,
                BATCH_SIZE));
        startWall = Instant.now();
        startNanos = System.nanoTime();
        double callsPerSecond = ticks.size() / (double) plan.duration().toSeconds();
        long interval = (long) (1_000_000_000L / callsPerSecond);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(ticks.size());
        long lastReport = 0;
        for (int i = 0; i < ticks.size(); i++) {
            long due = i * interval;
            long wait = due - (System.nanoTime() - startNanos);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(send(ticks.get(i), due));
            long now = System.nanoTime() - startNanos;
            if (now - lastReport >= 5_000_000_000L) {
                lastReport = now;
                progress.accept(status(now, watcher, desk));
            }
        }
        double sendSeconds = (System.nanoTime() - startNanos) / 1e9;
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .orTimeout(2, TimeUnit.MINUTES)
                .exceptionally(e -> null)
                .join();
        progress.accept("sent; waiting up to " + plan.drainTimeout().toSeconds()
                + " s for every accepted request to go round the loop");
        long drainStart = System.nanoTime();
        boolean drained = false;
        long held = 0;
        long lastHeldCheck = 0;
        while (System.nanoTime() - drainStart < plan.drainTimeout().toNanos()) {
            watcher.check();
            if (System.nanoTime() - lastHeldCheck > TimeUnit.SECONDS.toNanos(10)) {
                held = heldForPeople.applyAsLong(Set.copyOf(dueOf.keySet()));
                lastHeldCheck = System.nanoTime();
            }
            if (drained(desk, held) && backlog.getAsLong() == 0) {
                drained = true;
                break;
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            long now = System.nanoTime() - startNanos;
            if (now - lastReport >= 5_000_000_000L) {
                lastReport = now;
                progress.accept(status(now, watcher, desk));
            }
        }
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        return new Result(
                plan,
                sent.sum(),
                accepted.sum(),
                errorCounts,
                accepted.sum() / sendSeconds,
                intake,
                toAssigned,
                toClosed,
                opened.sum(),
                merged.sum(),
                assigned.sum(),
                closed.sum(),
                desk == null ? 0 : desk.resolved(),
                desk == null ? 0 : desk.rated(),
                desk == null ? Map.of() : desk.failures(),
                watcher.records(),
                watcher.redelivered(),
                Duration.ofNanos(System.nanoTime() - drainStart),
                drained,
                startWall,
                timeline(),
                Set.copyOf(dueOf.keySet()));
    }

    /**
     * Every accepted request has a case (or was merged, or waits for a person in the manual triage queue), every case
     * a task, and with a desk every case is closed; the caller also waits for every consumer to have caught up (the
     * answers to the channels follow the closures).
     */
    private boolean drained(Desk desk, long heldForPeople) {
        long outcomes = opened.sum() + merged.sum() + heldForPeople;
        long cases = openedByKnownRequests.sum();
        return outcomes >= accepted.sum() && assigned.sum() >= cases && (desk == null || closed.sum() >= cases);
    }

    private String status(long nowNanos, LifecycleWatcher watcher, Desk desk) {
        return String.format(
                "  %4d s  sent %6d  202 %6d  errors %4d | opened %6d merged %5d assigned %6d%s closed %6d | "
                        + "p99 intake %s, to assigned %s",
                nowNanos / 1_000_000_000L,
                sent.sum(),
                accepted.sum(),
                errors.values().stream().mapToLong(LongAdder::sum).sum(),
                opened.sum(),
                merged.sum(),
                assigned.sum(),
                desk == null ? "" : String.format(" resolved %6d rated %6d", desk.resolved(), desk.rated()),
                closed.sum(),
                millis(intake.getValueAtPercentile(99)),
                millis(toAssigned.getValueAtPercentile(99)));
    }

    static String millis(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }

    private List<Second> timeline() {
        int last = 0;
        for (int s = MAX_SECONDS - 1; s >= 0; s--) {
            if (sentBySecond.get(s) + acceptedBySecond.get(s) + assignedCountBySecond.get(s) + closedBySecond.get(s)
                    > 0) {
                last = s;
                break;
            }
        }
        List<Second> seconds = new ArrayList<>();
        for (int s = 0; s <= last; s++) {
            Histogram in = intakeBySecond.get(s);
            Histogram as = assignedBySecond.get(s);
            seconds.add(new Second(
                    s,
                    sentBySecond.get(s),
                    acceptedBySecond.get(s),
                    assignedCountBySecond.get(s),
                    closedBySecond.get(s),
                    in == null ? 0 : in.getValueAtPercentile(99) / 1000.0,
                    as == null ? 0 : as.getValueAtPercentile(50) / 1000.0,
                    as == null ? 0 : as.getValueAtPercentile(99) / 1000.0));
        }
        return seconds;
    }

    /** One call: a channel, a path, a body, and how many requests it carries. */
    private record Tick(String channel, boolean batch, byte[] body, int requests) {}

    /** Builds every body before the clock starts, so the driver spends its time sending. */
    private List<Tick> prepare(Plan plan) {
        long total = Math.round(plan.rate() * plan.duration().toSeconds());
        List<Tick> ticks = new ArrayList<>();
        long requestsPlanned = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (requestsPlanned < total) {
            double draw = random.nextDouble();
            if (draw < plan.batchShare() / BATCH_SIZE) {
                ticks.add(new Tick("forum", true, JSON.writeValueAsBytes(meeting()), BATCH_SIZE));
                requestsPlanned += BATCH_SIZE;
            } else {
                String id = "E2E-" + runId + "-" + sequence++;
                Map<String, Object> body = random.nextDouble() < plan.reRaiseShare()
                        ? requests.reRaise(id)
                        : requests.fresh(RequestFactory.CHANNELS.get(sequence % RequestFactory.CHANNELS.size()), id);
                ticks.add(new Tick((String) body.get("channel"), false, JSON.writeValueAsBytes(body), 1));
                requestsPlanned++;
            }
        }
        return ticks;
    }

    /** 政企恳谈会: one meeting, a batch of problems in the forum's own shape. */
    private Map<String, Object> meeting() {
        String meetingNo = "E2E-" + runId + "-M" + sequence++;
        List<Map<String, Object>> problems = new ArrayList<>();
        String region = null;
        for (int seq = 1; seq <= BATCH_SIZE; seq++) {
            Map<String, Object> canonical = requests.fresh("forum", meetingNo + ":" + seq);
            @SuppressWarnings("unchecked")
            Map<String, Object> enterprise = (Map<String, Object>) canonical.get("enterprise");
            @SuppressWarnings("unchecked")
            Map<String, Object> contact = (Map<String, Object>) canonical.get("contact");
            region = (String) canonical.get("regionCode");
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("seq", seq);
            problem.put("enterprise", Map.of("name", enterprise.get("name"), "creditCode", enterprise.get("uscc")));
            problem.put("speaker", contact.get("name"));
            problem.put("phone", contact.get("phone"));
            problem.put("title", canonical.get("title"));
            problem.put("content", canonical.get("content"));
            problem.put("regionCode", canonical.get("regionCode"));
            problems.add(problem);
        }
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("meetingNo", meetingNo);
        meeting.put("topic", "金华市企业服务政企恳谈会（负载测试）");
        meeting.put(
                "heldAt",
                java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        meeting.put("host", "金华市经济和信息化局");
        meeting.put("regionCode", region);
        return Map.of("meeting", meeting, "problems", problems);
    }

    private CompletableFuture<?> send(Tick tick, long dueNanos) {
        int second = (int) (dueNanos / 1_000_000_000L);
        sentBySecond.addAndGet(Math.min(second, MAX_SECONDS - 1), tick.requests());
        sent.add(tick.requests());
        var request = tick.batch()
                ? client.nativePayload(tick.channel(), tick.body())
                : client.canonical(tick.channel(), tick.body());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(60, TimeUnit.SECONDS)
                .handle((response, failure) -> {
                    long micros = Math.min((System.nanoTime() - startNanos - dueNanos) / 1000, MAX_MICROS);
                    if (failure == null && response.statusCode() == 202) {
                        List<String> ids = acceptedIds(response.body());
                        for (String id : ids) {
                            dueOf.put(id, dueNanos);
                        }
                        accepted.add(ids.size());
                        acceptedBySecond.addAndGet(Math.min(second, MAX_SECONDS - 1), ids.size());
                        intake.recordValue(micros);
                        intakeBySecond
                                .computeIfAbsent(second, s -> new ConcurrentHistogram(MAX_MICROS, 3))
                                .recordValue(micros);
                        if (ids.size() < tick.requests()) {
                            error("batch items refused", tick.requests() - ids.size());
                        }
                    } else {
                        error(
                                failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.statusCode(),
                                tick.requests());
                    }
                    return null;
                });
    }

    /** A 503 says when to come back (Retry-After); one that does not is counted apart. */
    private static String refusal(HttpResponse<byte[]> response) {
        boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
        return "HTTP " + response.statusCode()
                + (response.statusCode() == 503 && !retryAfter ? " without Retry-After" : "");
    }

    /** The request ids a 202 names: one for a single request, the stored items' for a batch. */
    private static List<String> acceptedIds(byte[] body) {
        JsonNode answer = JSON.readTree(body);
        if (answer.has("requestId")) {
            return List.of(answer.get("requestId").asString());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            if (item.hasNonNull("requestId")) {
                ids.add(item.get("requestId").asString());
            }
        }
        return ids;
    }

    private void error(String kind, long count) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).add(count);
    }
}

package qihu.deploy.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import qihu.events.EventEnvelope;
import qihu.events.FeedbackRequested;
import qihu.events.TaskAssigned;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people at the other end of a load run: handlers who claim every task assigned and answer it after a think time,
 * and enterprises who rate every answer with the signed link they were sent (most satisfied, some not, which reopens the case for another round). They
 * act on what they see on the topics, through the services' HTTP APIs, as the tools client (an admin, so one desk
 * serves every department).
 */
final class Desk implements AutoCloseable {

    /** How the enterprises rate: the rest of the answers are rated 满意. */
    record Ratings(double basicallySatisfied, double unsatisfied) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Tries of one step before it counts as failed: long enough to wait out a crashed service's restart. */
    private static final int ATTEMPTS = 120;

    private static final Duration RETRY = Duration.ofSeconds(2);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "desk");
        thread.setDaemon(true);
        return thread;
    });
    private final URI dispatch;
    private final URI evaluation;
    private final Supplier<String> token;
    private final Duration thinkTime;
    private final Ratings ratings;
    private final LongAdder resolved = new LongAdder();
    private final LongAdder rated = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    Desk(URI dispatch, URI evaluation, Supplier<String> token, Duration thinkTime, Ratings ratings) {
        this.dispatch = dispatch;
        this.evaluation = evaluation;
        this.token = token;
        this.thinkTime = thinkTime;
        this.ratings = ratings;
    }

    void onEvent(EventEnvelope<?> event) {
        if (event.payload() instanceof TaskAssigned assigned) {
            later(() -> handle(assigned));
        } else if (event.payload() instanceof FeedbackRequested asked) {
            // The enterprise got the signed rating link with the answer (through its channel) and uses it.
            later(() -> rate(asked.caseId(), asked.round(), asked.token(), 1));
        }
    }

    private void handle(TaskAssigned task) {
        claim("/api/v1/tasks/" + task.taskId(), 1);
    }

    /** 签收; a 409 may be our own earlier claim whose answer was lost in a crash, so the reply is tried anyway. */
    private void claim(String task, int attempt) {
        post(dispatch, task + "/claim", Map.of()).whenComplete((response, error) -> {
            if (error == null && (response.statusCode() == 200 || response.statusCode() == 409)) {
                resolve(task, 1);
            } else if (retryable(response, error) && attempt < ATTEMPTS) {
                retry(() -> claim(task, attempt + 1));
            } else {
                fail("claim", response, error);
            }
        });
    }

    private void resolve(String task, int attempt) {
        post(dispatch, task + "/resolve", Map.of("reply", "已协调相关部门处理，具体答复如下：已按政策予以办理。"))
                .whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 200) {
                        resolved.increment();
                    } else if (retryable(response, error) && attempt < ATTEMPTS) {
                        retry(() -> resolve(task, attempt + 1));
                    } else {
                        fail("resolve", response, error);
                    }
                });
    }

    private void rate(String caseId, int round, String token, int attempt) {
        double draw = ThreadLocalRandom.current().nextDouble();
        String rating = draw < ratings.unsatisfied()
                ? "UNSATISFIED"
                : draw < ratings.unsatisfied() + ratings.basicallySatisfied() ? "BASICALLY_SATISFIED" : "SATISFIED";
        post(
                        evaluation,
                        "/api/v1/cases/" + caseId + "/feedback",
                        Map.of("rating", rating, "comment", "第" + round + "轮答复的评价", "token", token))
                .whenComplete((response, error) -> {
                    // 409: this round is rated already, by an earlier try whose answer was lost in a crash.
                    if (error == null && (response.statusCode() == 200 || response.statusCode() == 409)) {
                        rated.increment();
                    } else if (retryable(response, error) && attempt < ATTEMPTS) {
                        retry(() -> rate(caseId, round, token, attempt + 1));
                    } else {
                        fail("rate", response, error);
                    }
                });
    }

    /** No answer, or the service is away or busy: a person would try again in a moment. */
    private static boolean retryable(HttpResponse<String> response, Throwable error) {
        return error != null || response.statusCode() >= 500 || response.statusCode() == 429;
    }

    private void retry(Runnable again) {
        timer.schedule(again, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<HttpResponse<String>> post(URI service, String path, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void later(Runnable action) {
        long millis = thinkTime.isZero() ? 0 : ThreadLocalRandom.current().nextLong(thinkTime.toMillis() + 1);
        timer.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    private void fail(String step, HttpResponse<String> response, Throwable error) {
        String kind =
                step + ": " + (error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode());
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long resolved() {
        return resolved.sum();
    }

    long rated() {
        return rated.sum();
    }

    Map<String, Long> failures() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

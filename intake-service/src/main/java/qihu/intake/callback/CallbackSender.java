package qihu.intake.callback;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import qihu.intake.callback.CallbackDelivery.Attempt;
import qihu.intake.security.ChannelAuthenticationFilter;
import qihu.intake.security.SecurityProperties;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a channel's callback, signed like the channel signs its own requests (CHANNELS.md, "Signing"), so the
 * channel can check it is intake speaking. Per channel: a retry with exponential backoff, a circuit breaker, and a
 * bulkhead, composed retry(breaker(bulkhead(call))). A 4xx other than 408 and 429 means the channel refuses this
 * answer, which no retry can change; an open breaker or a full bulkhead means "not now", not "failed".
 */
public class CallbackSender {

    /** How one delivery's sending ended. */
    public sealed interface Outcome {
        List<Attempt> attempts();
    }

    public record Delivered(List<Attempt> attempts) implements Outcome {}

    /** Retries exhausted or refused: dead-lettered. */
    public record Failed(String error, List<Attempt> attempts) implements Outcome {}

    /** Not attempted (breaker open or bulkhead full): due again after {@code retryAfter}. */
    public record Deferred(Duration retryAfter, List<Attempt> attempts) implements Outcome {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A full bulkhead frees up within a call's time; try again soon after. */
    private static final Duration BULKHEAD_BACKOFF = Duration.ofSeconds(1);

    private final WebClient web;
    private final CallbackProperties properties;
    private final SecurityProperties security;
    private final Clock clock;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;

    public CallbackSender(
            CallbackProperties properties,
            SecurityProperties security,
            Clock clock,
            CircuitBreakerRegistry breakers,
            BulkheadRegistry bulkheads) {
        this.properties = properties;
        this.security = security;
        this.clock = clock;
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        this.retries = RetryRegistry.of(retryConfig(properties.retry()));
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    public static CircuitBreakerConfig breakerConfig(CallbackProperties.CircuitBreaker breaker) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .ignoreExceptions(ChannelRefused.class)
                .build();
    }

    public static BulkheadConfig bulkheadConfig(CallbackProperties.Bulkhead bulkhead) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(bulkhead.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build();
    }

    private static RetryConfig retryConfig(CallbackProperties.Retry retry) {
        return RetryConfig.custom()
                .maxAttempts(retry.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retry.initialBackoff(), retry.multiplier()))
                .ignoreExceptions(ChannelRefused.class, CallNotPermittedException.class, BulkheadFullException.class)
                .build();
    }

    public Mono<Outcome> send(CallbackDelivery delivery) {
        List<Attempt> log = Collections.synchronizedList(new ArrayList<>());
        byte[] body = JSON.writeValueAsBytes(delivery.body());
        Retry retry = retries.retry(delivery.channel());
        CircuitBreaker breaker = breakers.circuitBreaker(delivery.channel());
        Bulkhead bulkhead = bulkheads.bulkhead(delivery.channel());
        return Mono.defer(() -> call(delivery, body, log))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .<Outcome>thenReturn(new Delivered(log))
                .onErrorResume(
                        CallNotPermittedException.class,
                        open -> Mono.just(deferred(
                                "circuit breaker open",
                                properties.circuitBreaker().openFor(),
                                log)))
                .onErrorResume(
                        BulkheadFullException.class,
                        full -> Mono.just(deferred("bulkhead full", BULKHEAD_BACKOFF, log)))
                .onErrorResume(failure -> Mono.just(new Failed(describe(failure), List.copyOf(log))));
    }

    private Deferred deferred(String why, Duration retryAfter, List<Attempt> log) {
        log.add(new Attempt(clock.instant(), "DEFERRED", 0, 0, why));
        return new Deferred(retryAfter, List.copyOf(log));
    }

    private Mono<Void> call(CallbackDelivery delivery, byte[] body, List<Attempt> log) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        String key = security.keysOf(delivery.channel()).get(0);
        return web.post()
                .uri(delivery.url())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> ChannelAuthenticationFilter.headers(
                                delivery.channel(), key, UUID.randomUUID().toString(), at, body)
                        .forEach(h::set))
                .bodyValue(body)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(properties.timeout())
                .flatMap(status -> {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    if (status >= 200 && status < 300) {
                        log.add(new Attempt(at, "DELIVERED", status, millis, null));
                        return Mono.<Void>empty();
                    }
                    boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
                    log.add(new Attempt(at, refused ? "REFUSED" : "FAILED", status, millis, "HTTP " + status));
                    return Mono.<Void>error(refused ? new ChannelRefused(status) : new ChannelFailed(status));
                })
                .doOnError(
                        e -> !(e instanceof ChannelRefused || e instanceof ChannelFailed),
                        e -> log.add(
                                new Attempt(at, "FAILED", 0, (System.nanoTime() - started) / 1_000_000, describe(e))));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof ChannelRefused || failure instanceof ChannelFailed) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The channel answered 4xx: it will not take this answer as it is. */
    static final class ChannelRefused extends RuntimeException {
        ChannelRefused(int status) {
            super("channel refused the answer: HTTP " + status, null, false, false);
        }
    }

    /** The channel answered with an error worth retrying. */
    static final class ChannelFailed extends RuntimeException {
        ChannelFailed(int status) {
            super("channel failed: HTTP " + status, null, false, false);
        }
    }
}

package qihu.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import qihu.intake.security.SecurityProperties.ChannelSecurity;
import qihu.intake.security.SecurityProperties.RateLimit;
import reactor.core.publisher.Mono;

/** The channel authentication filter on its own: every way a request is refused, and what passes on to intake. */
class ChannelAuthenticationFilterTest {

    static final Instant NOW = Instant.parse("2026-11-20T01:30:00Z");
    static final String KEY = "demo-zheliban-key-1";
    static final String NEXT_KEY = "demo-zheliban-key-2";
    static final String PATH = "/api/v1/channels/zheliban/requests";
    static final byte[] BODY = "{\"bizNo\":\"ZLB2026112000012345\"}".getBytes(StandardCharsets.UTF_8);
    static final RateLimit BURST_OF_TWO = new RateLimit(1, 2);

    final AtomicLong nanoTime = new AtomicLong();
    final Set<String> usedNonces = ConcurrentHashMap.newKeySet();
    final AtomicReference<Boolean> storeDown = new AtomicReference<>(false);
    final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    final AtomicReference<String> bodyPassed = new AtomicReference<>();

    static SecurityProperties properties(boolean requireSignature) {
        return new SecurityProperties(
                requireSignature,
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                DataSize.ofKilobytes(64),
                Duration.ofMinutes(1),
                new RateLimit(500, 1000),
                Map.of(
                        "zheliban", new ChannelSecurity(List.of(KEY, NEXT_KEY), BURST_OF_TWO),
                        "forum", new ChannelSecurity(List.of("demo-forum-key-1"), null)));
    }

    /** One limiter for the test, as the service has one for its lifetime. */
    final ChannelRateLimiter rateLimiter = new ChannelRateLimiter(properties(true), nanoTime::get);

    ChannelAuthenticationFilter filter(boolean requireSignature) {
        SecurityProperties properties = properties(requireSignature);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ChannelNonces nonces = new ChannelNonces(null, properties, clock) {
            @Override
            public Mono<Boolean> use(String channel, String nonce, Instant timestamp) {
                return storeDown.get()
                        ? Mono.error(new DataAccessResourceFailureException("store down"))
                        : Mono.just(usedNonces.add(channel + ":" + nonce));
            }
        };
        return new ChannelAuthenticationFilter(properties, rateLimiter, nonces, clock);
    }

    final WebFilterChain intake = exchange -> {
        passed.set(exchange);
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                .doOnNext(bodyPassed::set)
                .then();
    };

    static Map<String, String> signed(String key, String nonce, Instant at) {
        return ChannelAuthenticationFilter.headers("zheliban", key, nonce, at, BODY);
    }

    static Map<String, String> signed() {
        return signed(KEY, "nonce-" + System.nanoTime(), NOW);
    }

    MockServerWebExchange post(String path, Map<String, String> headers, boolean requireSignature) {
        MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post(path);
        headers.forEach(request::header);
        MockServerWebExchange exchange =
                MockServerWebExchange.from(request.body(new String(BODY, StandardCharsets.UTF_8)));
        filter(requireSignature).filter(exchange, intake).block();
        return exchange;
    }

    MockServerWebExchange post(Map<String, String> headers) {
        return post(PATH, headers, true);
    }

    @Test
    void aSignedRequestReachesIntakeWithItsBodyAndItsChannel() {
        MockServerWebExchange exchange = post(signed());

        assertThat(passed.get()).isNotNull();
        assertThat(bodyPassed.get()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        assertThat((String) passed.get().getAttribute(ChannelAuthenticationFilter.AUTHENTICATED_CHANNEL))
                .isEqualTo("zheliban");
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void theNextKeyIsAcceptedDuringARotation() {
        post(signed(NEXT_KEY, "nonce-next-key-0001", NOW));
        assertThat(passed.get()).isNotNull();
    }

    static Stream<Arguments> refusals() {
        Map<String, String> otherKey = signed("demo-forum-key-1", "nonce-other-key-01", NOW);
        Map<String, String> tampered = new HashMap<>(signed());
        tampered.put(
                ChannelAuthenticationFilter.SIGNATURE,
                signed(KEY, "nonce-tampered-001", NOW.plusSeconds(1)).get(ChannelAuthenticationFilter.SIGNATURE));
        Map<String, String> unknownChannel = new HashMap<>(signed());
        unknownChannel.put(ChannelAuthenticationFilter.CHANNEL, "fax-machine");
        Map<String, String> badNonce = new HashMap<>(signed());
        badNonce.put(ChannelAuthenticationFilter.NONCE, "short");
        return Stream.of(
                Arguments.of(
                        "signed with another channel's key", otherKey, HttpStatus.UNAUTHORIZED, "X-Qihu-Signature"),
                Arguments.of("signature of other headers", tampered, HttpStatus.UNAUTHORIZED, "X-Qihu-Signature"),
                Arguments.of("unknown channel", unknownChannel, HttpStatus.UNAUTHORIZED, "X-Qihu-Channel"),
                Arguments.of("a nonce too short to be unique", badNonce, HttpStatus.UNAUTHORIZED, "X-Qihu-Nonce"),
                Arguments.of(
                        "older than the window",
                        signed(
                                KEY,
                                "nonce-too-old-0001",
                                NOW.minus(Duration.ofMinutes(5)).minusSeconds(1)),
                        HttpStatus.UNAUTHORIZED,
                        "X-Qihu-Timestamp"),
                Arguments.of(
                        "from further ahead than the clock skew",
                        signed(KEY, "nonce-future-00001", NOW.plusSeconds(31)),
                        HttpStatus.UNAUTHORIZED,
                        "X-Qihu-Timestamp"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("refusals")
    void refusedRequestsNeverReachIntake(String why, Map<String, String> headers, HttpStatus status, String header) {
        MockServerWebExchange exchange = post(headers);

        assertThat(passed.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(status);
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Qihu-Channel", "X-Qihu-Timestamp", "X-Qihu-Nonce", "X-Qihu-Signature"})
    void everyHeaderIsRequired(String header) {
        Map<String, String> headers = new HashMap<>(signed());
        headers.remove(header);

        MockServerWebExchange exchange = post(headers);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"field\":\"" + header + "\"");
        assertThat(passed.get()).isNull();
    }

    @Test
    void aClockRunningAheadWithinTheSkewIsFine() {
        post(signed(KEY, "nonce-ahead-000001", NOW.plusSeconds(29)));
        assertThat(passed.get()).isNotNull();
    }

    @Test
    void aReplayedNonceIsRefused() {
        Map<String, String> headers = signed(KEY, "nonce-replayed-001", NOW);
        post(headers);
        passed.set(null);

        MockServerWebExchange replay = post(headers);

        assertThat(replay.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(replay.getResponse().getBodyAsString().block()).contains("X-Qihu-Nonce");
        assertThat(passed.get()).isNull();
    }

    @Test
    void aChannelMayNotSendOnAnotherChannelsPath() {
        MockServerWebExchange exchange = post("/api/v1/channels/forum/requests", signed(), true);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(passed.get()).isNull();
    }

    @Test
    void aChannelOverItsRateIsToldWhenToRetry() {
        post(signed());
        post(signed());
        passed.set(null);

        MockServerWebExchange third = post(signed());

        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(third.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("1");
        assertThat(passed.get()).isNull();

        nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
        post(signed());
        assertThat(passed.get()).as("a token later, it passes").isNotNull();
    }

    @Test
    void withoutTheStoreNoNonceCanBeCheckedSoNothingIsAccepted() {
        storeDown.set(true);

        MockServerWebExchange exchange = post(signed());

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isNotBlank();
        assertThat(passed.get()).isNull();
    }

    @Test
    void theCanonicalEndpointTakesUnsignedRequestsOnlyWhenSignaturesAreNotRequired() {
        assertThat(post("/api/v1/requests", Map.of(), true).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(passed.get()).isNull();

        post("/api/v1/requests", Map.of(), false);
        assertThat(passed.get()).isNotNull();
        assertThat((String) passed.get().getAttribute(ChannelAuthenticationFilter.AUTHENTICATED_CHANNEL))
                .isNull();
    }

    @Test
    void aChannelsOwnEndpointAlwaysNeedsASignature() {
        MockServerWebExchange exchange = post(PATH, Map.of(), false);

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(passed.get()).isNull();
    }

    @Test
    void open311IsAuthenticatedByItsApiKeyNotBySignatures() {
        MockServerWebExchange exchange = post("/open311/v2/requests.json", Map.of(), true);

        assertThat(exchange.getResponse().getStatusCode()).isNull();
        assertThat(passed.get()).isNotNull();
        assertThat(bodyPassed.get()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
    }

    @Test
    void readingStatusNeedsNoSignature() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/channels/zheliban/requests/ZLB-1"));
        filter(true).filter(exchange, intake).block();
        assertThat(passed.get()).isNotNull();
    }
}

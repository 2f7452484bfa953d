package qihu.intake.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import qihu.support.StoreOutage;
import qihu.support.web.FieldViolation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Authenticates channel systems on the submission endpoints (CHANNELS.md, "Signing"), in the order that costs an
 * attacker most and us least: headers and the timestamp window first (no body read), then the HMAC over the body
 * (bounded by {@link BodySizeLimitFilter}), then the channel's rate limit, and only then the nonce, which takes a
 * write to the store. Any failure is answered here; nothing reaches the handlers, nothing is stored.
 */
public class ChannelAuthenticationFilter implements WebFilter, Ordered {

    public static final String CHANNEL = "X-Qihu-Channel";
    public static final String TIMESTAMP = "X-Qihu-Timestamp";
    public static final String NONCE = "X-Qihu-Nonce";
    public static final String SIGNATURE = "X-Qihu-Signature";

    /** The exchange attribute naming the channel whose signature was verified. */
    public static final String AUTHENTICATED_CHANNEL = ChannelAuthenticationFilter.class.getName() + ".channel";

    /** What the service's problem handler also answers when the store is away. */
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

    /** Right after the body size limit. */
    public static final int ORDER = BodySizeLimitFilter.ORDER + 1;

    /** Random enough to be unique per request, short enough to index cheaply. */
    static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");
    private static final PathPattern CANONICAL = PathPatternParser.defaultInstance.parse("/api/v1/requests");
    private static final PathPattern NATIVE =
            PathPatternParser.defaultInstance.parse("/api/v1/channels/{channel}/requests");

    private final SecurityProperties properties;
    private final ChannelRateLimiter rateLimiter;
    private final ChannelNonces nonces;
    private final Clock clock;

    public ChannelAuthenticationFilter(
            SecurityProperties properties, ChannelRateLimiter rateLimiter, ChannelNonces nonces, Clock clock) {
        this.properties = properties;
        this.rateLimiter = rateLimiter;
        this.nonces = nonces;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The headers of a request that claims to be signed, checked for form and freshness. */
    private record Claim(String channel, String timestamp, Instant at, String nonce, String signature) {}

    /** Why a request is refused before its body is read. */
    private record Refusal(HttpStatus status, String detail, List<FieldViolation> errors) {
        Refusal(String header, String detail) {
            this(HttpStatus.UNAUTHORIZED, detail, List.of(new FieldViolation(header, detail)));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        PathContainer path = request.getPath().pathWithinApplication();
        PathPattern.PathMatchInfo nativeMatch = NATIVE.matchAndExtract(path);
        boolean canonical = CANONICAL.matches(path);
        if (nativeMatch == null && !canonical) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        if (canonical && !properties.requireSignature() && !headers.containsHeader(SIGNATURE)) {
            return chain.filter(exchange);
        }
        String pathChannel =
                nativeMatch == null ? null : nativeMatch.getUriVariables().get("channel");
        Object checked = check(headers, pathChannel);
        if (checked instanceof Refusal refusal) {
            return ProblemResponses.write(exchange, refusal.status(), refusal.detail(), refusal.errors(), null);
        }
        Claim claim = (Claim) checked;
        return DataBufferUtils.join(request.getBody())
                .map(ChannelAuthenticationFilter::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> verified(exchange, chain, claim, body));
    }

    private Mono<Void> verified(ServerWebExchange exchange, WebFilterChain chain, Claim claim, byte[] body) {
        List<String> keys = properties.keysOf(claim.channel());
        if (!ChannelSignature.verifies(keys, claim.timestamp(), claim.nonce(), body, claim.signature())) {
            Refusal wrong =
                    new Refusal(SIGNATURE, "The signature does not match the request under the channel's keys.");
            return ProblemResponses.write(exchange, wrong.status(), wrong.detail(), wrong.errors(), null);
        }
        Duration wait = rateLimiter.take(claim.channel());
        if (!wait.isZero()) {
            return ProblemResponses.write(
                    exchange,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Channel " + claim.channel() + " sends faster than its limit; nothing was accepted.",
                    List.of(),
                    wait);
        }
        return nonces.use(claim.channel(), claim.nonce(), claim.at())
                .map(fresh -> fresh ? NonceCheck.FRESH : NonceCheck.USED)
                // Any form of "the store is away", also the driver's paused pool that Spring leaves uncategorized.
                .onErrorResume(StoreOutage::isCause, e -> Mono.just(NonceCheck.STORE_DOWN))
                .flatMap(check -> switch (check) {
                    case FRESH -> chain.filter(withBody(exchange, claim.channel(), body));
                    case USED ->
                        ProblemResponses.write(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "This nonce was used before: a replayed request is refused.",
                                List.of(new FieldViolation(NONCE, "was used before")),
                                null);
                    case STORE_DOWN ->
                        ProblemResponses.write(
                                exchange,
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "The store is unavailable; nothing was accepted. Retry later.",
                                List.of(),
                                STORE_RETRY_AFTER);
                });
    }

    private enum NonceCheck {
        FRESH,
        USED,
        /** Without the store no nonce can be checked, and no request could be stored either. */
        STORE_DOWN
    }

    /** A {@link Claim}, or the {@link Refusal} of a request whose headers already fail. */
    private Object check(HttpHeaders headers, String pathChannel) {
        for (String header : List.of(CHANNEL, TIMESTAMP, NONCE, SIGNATURE)) {
            String value = headers.getFirst(header);
            if (value == null || value.isBlank()) {
                return new Refusal(header, header + " is required: channels sign every request (CHANNELS.md).");
            }
        }
        String channel = headers.getFirst(CHANNEL);
        if (properties.keysOf(channel).isEmpty()) {
            return new Refusal(CHANNEL, "Unknown channel '" + channel + "'.");
        }
        if (pathChannel != null && !pathChannel.equals(channel)) {
            return new Refusal(
                    HttpStatus.FORBIDDEN,
                    "Channel " + channel + " may not send for channel " + pathChannel + ".",
                    List.of(new FieldViolation(CHANNEL, "is not the channel of the path")));
        }
        String timestamp = headers.getFirst(TIMESTAMP);
        if (!EPOCH_SECONDS.matcher(timestamp).matches()) {
            return new Refusal(TIMESTAMP, "must be Unix time in seconds");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        if (at.isBefore(now.minus(properties.maxAge())) || at.isAfter(now.plus(properties.maxClockSkew()))) {
            return new Refusal(
                    TIMESTAMP,
                    "is outside the accepted window: at most "
                            + properties.maxAge().toSeconds() + " s old and "
                            + properties.maxClockSkew().toSeconds() + " s ahead of " + now.getEpochSecond());
        }
        String nonce = headers.getFirst(NONCE);
        if (!NONCE_FORMAT.matcher(nonce).matches()) {
            return new Refusal(NONCE, "must be 16-64 letters, digits, _ or -, new for every request");
        }
        String signature = headers.getFirst(SIGNATURE);
        if (!HEX_SIGNATURE.matcher(signature).matches()) {
            return new Refusal(SIGNATURE, "must be the 64 hex digits of an HMAC-SHA256");
        }
        return new Claim(channel, timestamp, at, nonce, signature);
    }

    /** The exchange, its body given again from the bytes already read, and the channel known. */
    private static ServerWebExchange withBody(ServerWebExchange exchange, String channel, byte[] body) {
        ServerHttpRequest replay = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerWebExchange verified = exchange.mutate().request(replay).build();
        verified.getAttributes().put(AUTHENTICATED_CHANNEL, channel);
        return verified;
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** For tests and tools: the headers of a request signed now. */
    public static Map<String, String> headers(String channel, String key, String nonce, Instant at, byte[] body) {
        String timestamp = String.valueOf(at.getEpochSecond());
        return Map.of(
                CHANNEL, channel,
                TIMESTAMP, timestamp,
                NONCE, nonce,
                SIGNATURE, ChannelSignature.sign(key, timestamp, nonce, body));
    }
}

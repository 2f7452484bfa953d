package qihu.support.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 answers written by web filters and security handlers, which run before any controller and so before
 * {@link ProblemHandler}: the same shape, never a stack trace.
 */
public final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {}

    /**
     * 401 with the RFC 6750 challenge, for a resource server's missing or refused access token.
     *
     * @param refusedBecause why the token sent was not accepted; null when none was sent
     */
    public static Mono<Void> signInRequired(ServerWebExchange exchange, String refusedBecause) {
        boolean badToken = refusedBecause != null;
        exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = badToken
                ? "The access token is not accepted: " + refusedBecause
                : "Sign in first: send an access token of the Qihu sign-in as \"Authorization: Bearer <token>\".";
        return write(exchange, HttpStatus.UNAUTHORIZED, detail, List.of(), null, false);
    }

    /**
     * @param errors the headers or fields at fault, named as the caller sent them
     * @param retryAfter for 429 and 503: when to try again; null otherwise
     * @param closeConnection for a refusal before the request body was read: the unread rest of it must not be taken
     *     for the caller's next request on a reused connection
     */
    public static Mono<Void> write(
            ServerWebExchange exchange,
            HttpStatus status,
            String detail,
            List<FieldViolation> errors,
            Duration retryAfter,
            boolean closeConnection) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (closeConnection) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        if (retryAfter != null) {
            // Whole seconds, at least one: "Retry-After: 0" would invite an immediate retry storm.
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(problem))));
    }
}

package qihu.intake.security;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import qihu.support.web.FieldViolation;
import qihu.support.web.ProblemWriter;
import reactor.core.publisher.Mono;

/** The filters' refusals, which may come before the request body was read (see {@link ProblemWriter}). */
final class ProblemResponses {

    private ProblemResponses() {}

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail, List.of(), null);
    }

    /**
     * @param errors the headers or fields at fault, named as the caller sent them
     * @param retryAfter for 429 and 503: when to try again; null otherwise
     */
    static Mono<Void> write(
            ServerWebExchange exchange,
            HttpStatus status,
            String detail,
            List<FieldViolation> errors,
            Duration retryAfter) {
        // A refusal may come before the request body was read: the connection is closed (ProblemWriter).
        return ProblemWriter.write(exchange, status, detail, errors, retryAfter, true);
    }
}

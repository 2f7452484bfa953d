package qihu.dispatch.web;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import qihu.support.web.ProblemWriter;
import reactor.core.publisher.Mono;

/**
 * The security layer's refusals as RFC 9457 problem+json, like every other error of the service: 401 with a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750) for a missing or invalid token, 403 when access is denied,
 * 503 when a token cannot be checked because the sign-in's keys cannot be fetched.
 */
final class ProblemAnswers
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerAuthenticationFailureHandler {

    private static final Duration SIGN_IN_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        return ProblemWriter.signInRequired(exchange, e instanceof InvalidBearerTokenException ? e.getMessage() : null);
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException e) {
        if (e instanceof AuthenticationServiceException) {
            log.warn("cannot check an access token: {}", e.getMessage());
            exchange.getExchange()
                    .getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, String.valueOf(SIGN_IN_RETRY_AFTER.toSeconds()));
            return write(
                    exchange.getExchange(),
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The access token cannot be checked now: the sign-in's keys are unavailable. Retry later.");
        }
        return commence(exchange.getExchange(), e);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return write(exchange, HttpStatus.FORBIDDEN, "Not permitted: " + e.getMessage());
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return ProblemWriter.write(exchange, status, detail, List.of(), null, false);
    }
}

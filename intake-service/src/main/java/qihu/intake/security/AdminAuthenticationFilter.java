package qihu.intake.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import qihu.support.web.FieldViolation;
import reactor.core.publisher.Mono;

/** {@code /api/v1/admin/**} needs {@code Authorization: Bearer <one of qihu.intake.admin.tokens>}. */
public class AdminAuthenticationFilter implements WebFilter, Ordered {

    private static final String ADMIN_PATH = "/api/v1/admin/";
    private static final String BEARER = "Bearer ";

    private final List<byte[]> tokens;

    public AdminAuthenticationFilter(AdminProperties properties) {
        this.tokens = properties.tokens().stream()
                .map(token -> token.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public int getOrder() {
        return ChannelAuthenticationFilter.ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(ADMIN_PATH)) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return refuse(exchange, "an admin token is required: Authorization: Bearer <token>");
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(token, given);
        }
        return match ? chain.filter(exchange) : refuse(exchange, "the admin token is not valid");
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        return ProblemResponses.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                detail,
                List.of(new FieldViolation(HttpHeaders.AUTHORIZATION, detail)),
                null);
    }
}

package qihu.intake.security;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over {@code qihu.intake.security.max-body-size} with 413 before they are held in memory: at once
 * when the declared Content-Length is too large, otherwise (chunked, or a length that lies) by counting the bytes
 * as they stream in and failing the read at the first byte over the limit.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

    /** First of intake's filters: nothing should read a body before its size is limited. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** The body grew past the limit while being read. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body over the limit", null, false, false);
        }
    }

    private final long maxBytes;

    public BodySizeLimitFilter(SecurityProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return tooLarge(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> {
                    long[] seen = {0};
                    return super.getBody().map(buffer -> {
                        seen[0] += buffer.readableByteCount();
                        if (seen[0] > maxBytes) {
                            DataBufferUtils.release(buffer);
                            throw new BodyTooLargeException();
                        }
                        return buffer;
                    });
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(BodyTooLargeException.class, e -> tooLarge(exchange));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return ProblemResponses.write(
                exchange,
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes; nothing was accepted.");
    }
}

package qihu.support.logging;

import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every HTTP exchange a correlation id: the caller's {@value CorrelationIds#HEADER} when it is a sensible token,
 * a new one otherwise. It is logged with everything the exchange causes in this service and sent back in the answer.
 */
public class CorrelationIdWebFilter implements WebFilter, Ordered {

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(CorrelationIds.HEADER);
        String id = given != null && ACCEPTABLE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(CorrelationIds.HEADER, id);
        // Reactor restores the MDC entry from the context on whichever thread the exchange continues.
        return chain.filter(exchange)
                .contextWrite(Context.of(Slf4jThreadLocalAccessor.KEY, Map.of(CorrelationIds.MDC_KEY, id)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

package qihu.support.logging;

import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The correlation id in the logs: every event carries one (the id of the request that started it all), and a service
 * puts it into the logging context while it handles the event, so one request can be followed through all four
 * services' logs. Reactor's automatic context propagation ({@code spring.reactor.context-propagation: auto}) carries
 * the MDC entry to the threads the reactive chain continues on.
 */
public final class CorrelationIds {

    /** The MDC key, a top-level field of a structured log line. */
    public static final String MDC_KEY = "correlationId";

    /** The HTTP header a caller may set to tie its own logs to ours; answered back on every response. */
    public static final String HEADER = "X-Correlation-Id";

    private CorrelationIds() {}

    /** Runs {@code work} with {@code correlationId} in the MDC, restoring what was there before. */
    public static <T> T with(String correlationId, Supplier<T> work) {
        String previous = MDC.get(MDC_KEY);
        if (correlationId != null) {
            MDC.put(MDC_KEY, correlationId);
        }
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    /** Lets Reactor's context propagation capture and restore the correlation id (registered by ServiceLoader). */
    public static final class MdcAccessor extends Slf4jThreadLocalAccessor {
        public MdcAccessor() {
            super(MDC_KEY);
        }
    }
}

package qihu.intake;

import com.mongodb.ConnectionString;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.intake.security.SecurityProperties;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;

/**
 * Base of intake's service tests: one Spring context for all of them (a real in-JVM Kafka broker, the embedded
 * store), the service reaching the store through a {@link StoreProxy} so that a test can take the store away.
 */
@QihuServiceTest
@Import(IntakeServiceTest.StoreBehindAProxy.class)
public abstract class IntakeServiceTest extends ServiceTestSupport {

    protected static final StoreProxy STORE = StoreProxy.instance();
    protected static final CallbackReceiver CHANNELS = CallbackReceiver.instance();
    /** The channels that have a callback address in these tests; the others are not called. */
    protected static final List<String> CALLED_BACK = List.of("hotline-12345", "zheliban", "minhuwowei", "qinqing");

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected SecurityProperties security;

    /** Posts as the channels do: signed with their demo keys. */
    protected IntakeClient client() {
        return new IntakeClient(http, security);
    }

    /** Submits a canonical request, signed by its channel; returns the request id of the 202. */
    protected String accept(Map<String, Object> request) {
        return (String) client().submit(request)
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("requestId");
    }

    @DynamicPropertySource
    static void storeTimeouts(DynamicPropertyRegistry registry) {
        // An unreachable store answers 503 within a second, not after the driver's default 30.
        registry.add("qihu.store.server-selection-timeout", () -> "1s");
        // Each test drops the database; those that need the enterprise directory load it themselves.
        registry.add("qihu.intake.enterprise-directory.load-on-start", () -> "false");
        for (String channel : CALLED_BACK) {
            registry.add("qihu.intake.callbacks.channels." + channel + ".url", () -> CHANNELS.url(channel));
        }
        // Failures show within a second: short backoffs, a small breaker window, a frequent poll.
        registry.add("qihu.intake.callbacks.retry.initial-backoff", () -> "20ms");
        registry.add("qihu.intake.callbacks.retry.max-attempts", () -> "3");
        registry.add("qihu.intake.callbacks.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("qihu.intake.callbacks.circuit-breaker.minimum-calls", () -> "4");
        registry.add("qihu.intake.callbacks.circuit-breaker.open-for", () -> "2s");
        registry.add("qihu.intake.callbacks.poll-interval", () -> "200ms");
    }

    /** Connection details win over the {@code spring.mongodb.uri} the shared test support sets. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoreBehindAProxy {
        @Bean
        MongoConnectionDetails storeBehindAProxy(Environment environment) {
            String database = environment.getRequiredProperty("spring.mongodb.database");
            ConnectionString uri = new ConnectionString(STORE.uri() + "/" + database);
            return () -> uri;
        }
    }
}

package qihu.intake;

import com.mongodb.ConnectionString;
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

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected SecurityProperties security;

    /** Posts as the channels do: signed with their demo keys. */
    protected IntakeClient client() {
        return new IntakeClient(http, security);
    }

    @DynamicPropertySource
    static void storeTimeouts(DynamicPropertyRegistry registry) {
        // An unreachable store answers 503 within a second, not after the driver's default 30.
        registry.add("qihu.store.server-selection-timeout", () -> "1s");
        // Each test drops the database; those that need the enterprise directory load it themselves.
        registry.add("qihu.intake.enterprise-directory.load-on-start", () -> "false");
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

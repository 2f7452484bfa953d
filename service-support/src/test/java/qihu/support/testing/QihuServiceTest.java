package qihu.support.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A whole service on a random port, against a real in-JVM Kafka broker (KRaft, the only mode of Kafka 4) and the embedded Mongo-compatible
 * store. Extend {@link ServiceTestSupport} to get the store wired in.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "qihu.outbox.poll-interval=200ms",
            "qihu.outbox.grace=500ms"
        })
@EmbeddedKafka(partitions = 2)
// Two cores run a broker, a store and the service here: allow a slow answer rather than fail on it.
@AutoConfigureWebTestClient(timeout = "30s")
public @interface QihuServiceTest {}

package qihu.support;

import com.mongodb.WriteConcern;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.events.EventCodec;
import qihu.support.logging.CorrelationIdWebFilter;
import qihu.support.messaging.DeadLetters;
import qihu.support.messaging.EventPublisher;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxPoller;
import qihu.support.outbox.OutboxProperties;
import qihu.support.outbox.OutboxRelay;
import qihu.support.web.ProblemHandler;

/** What every Qihu service gets by depending on service-support. */
@AutoConfiguration
@EnableConfigurationProperties({OutboxProperties.class, StoreProperties.class})
@Import(ProblemHandler.class)
public class SupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    Outbox outbox(EventCodec codec) {
        return new Outbox(codec);
    }

    @Bean
    EventPublisher eventPublisher(StreamBridge bridge, BindingServiceProperties bindings) {
        return new EventPublisher(bridge, bindings);
    }

    @Bean
    OutboxRelay outboxRelay(
            ReactiveMongoTemplate mongo,
            EventPublisher publisher,
            Clock clock,
            OutboxProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        OutboxRelay relay = new OutboxRelay(
                mongo, publisher, clock, properties.lease(), meters.getIfAvailable(SimpleMeterRegistry::new));
        relay.registerMeters(properties.collections());
        return relay;
    }

    @Bean
    OutboxPoller outboxPoller(OutboxRelay relay, OutboxProperties properties) {
        return new OutboxPoller(relay, properties);
    }

    /** Replaces Boot's Mongo health check, switched off in qihu-service-defaults.yml. */
    @Bean
    StoreHealthIndicator storeHealthIndicator(ReactiveMongoTemplate mongo) {
        return new StoreHealthIndicator(mongo);
    }

    /**
     * Fail fast when the store is away, so callers get a 503 instead of a hanging request; and acknowledge a write only
     * once the configured members have it (majority by default).
     */
    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeouts(StoreProperties store) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        store.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(
                                (int) store.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) store.readTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .writeConcern(writeConcern(store.writeConcern()));
    }

    static WriteConcern writeConcern(String w) {
        return w.chars().allMatch(Character::isDigit) ? new WriteConcern(Integer.parseInt(w)) : new WriteConcern(w);
    }

    /** Counts what the consumers give up on, per topic and group (the dead-letter alert reads it). */
    @Bean
    DeadLetters deadLetters(ObjectProvider<MeterRegistry> meters, BindingServiceProperties bindings) {
        return new DeadLetters(meters.getIfAvailable(SimpleMeterRegistry::new), bindings);
    }

    /** Set by the local stack's launcher: the service stops when the launcher is gone (killed, not stopped). */
    @Bean
    @ConditionalOnProperty(ParentWatch.PARENT_PID_ENV)
    ParentWatch parentWatch(@Value("${" + ParentWatch.PARENT_PID_ENV + "}") long parentPid) {
        return new ParentWatch(parentPid, Duration.ofSeconds(2), () -> System.exit(3));
    }

    @Bean
    CorrelationIdWebFilter correlationIdWebFilter() {
        return new CorrelationIdWebFilter();
    }
}

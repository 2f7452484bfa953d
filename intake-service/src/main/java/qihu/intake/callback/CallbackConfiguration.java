package qihu.intake.callback;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.intake.channel.ChannelAdapters;
import qihu.intake.channel.ChannelProperties;
import qihu.intake.security.SecurityProperties;
import qihu.support.scheduling.PeriodicTask;

@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

    @Bean
    CircuitBreakerRegistry callbackBreakers(CallbackProperties properties, MeterRegistry meters) {
        CircuitBreakerRegistry breakers =
                CircuitBreakerRegistry.of(CallbackSender.breakerConfig(properties.circuitBreaker()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        return breakers;
    }

    @Bean
    BulkheadRegistry callbackBulkheads(CallbackProperties properties, MeterRegistry meters) {
        BulkheadRegistry bulkheads = BulkheadRegistry.of(CallbackSender.bulkheadConfig(properties.bulkhead()));
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        return bulkheads;
    }

    /** Callbacks only for configured channels: an address under a code that is no channel is a typo. */
    @Bean
    CallbackSender callbackSender(
            CallbackProperties properties,
            ChannelProperties channels,
            SecurityProperties security,
            Clock clock,
            CircuitBreakerRegistry callbackBreakers,
            BulkheadRegistry callbackBulkheads) {
        properties.channels().keySet().stream()
                .filter(channel -> !channels.channels().containsKey(channel))
                .findFirst()
                .ifPresent(channel -> {
                    throw new IllegalStateException(
                            "qihu.intake.callbacks.channels." + channel + " is not a channel of qihu.intake.channels");
                });
        return new CallbackSender(properties, security, clock, callbackBreakers, callbackBulkheads);
    }

    @Bean
    CallbackDispatcher callbackDispatcher(
            ReactiveMongoTemplate mongo,
            CallbackSender sender,
            CallbackProperties properties,
            Clock clock,
            MeterRegistry meters,
            ChannelProperties channels) {
        CallbackDispatcher dispatcher = new CallbackDispatcher(mongo, sender, properties, clock, meters);
        dispatcher.registerMeters(channels.channels().keySet());
        return dispatcher;
    }

    @Bean
    PeriodicTask callbackPoller(CallbackDispatcher dispatcher, CallbackProperties properties) {
        return new PeriodicTask("callback poll", properties.pollInterval(), dispatcher::deliverDue);
    }

    @Bean
    AnswerBack answerBack(
            ReactiveMongoTemplate mongo,
            CallbackProperties properties,
            ChannelAdapters adapters,
            CallbackDispatcher dispatcher,
            Clock clock) {
        return new AnswerBack(mongo, properties, adapters, dispatcher, clock);
    }

    @Bean
    DeadLetters callbackDeadLetters(ReactiveMongoTemplate mongo, CallbackDispatcher dispatcher, Clock clock) {
        return new DeadLetters(mongo, dispatcher, clock);
    }
}

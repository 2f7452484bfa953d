package qihu.evaluation.feedback;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import qihu.events.EventCodec;
import qihu.support.messaging.EventBatchConsumer;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /**
     * The shared group's consumer (the durable side effects: the log, the cases, ratings asked), a poll at a time. Bound
     * to {@code qihu.case.triaged} and {@code qihu.case.lifecycle} in application.yml; the live read models have their
     * own consumer, {@link qihu.evaluation.kpi.LiveView}.
     */
    @Bean
    Consumer<Message<List<byte[]>>> followCases(EventCodec codec, CaseFollower follower) {
        return new EventBatchConsumer(codec, follower, Duration.ofSeconds(60));
    }
}

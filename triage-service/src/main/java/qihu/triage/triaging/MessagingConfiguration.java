package qihu.triage.triaging;

import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import qihu.events.EventCodec;
import qihu.support.messaging.EventConsumer;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Bound to {@code qihu.request.received} in application.yml. */
    @Bean
    Consumer<Message<byte[]>> triageRequests(EventCodec codec, CaseStateHandler handler) {
        return new EventConsumer(codec, handler, Duration.ofSeconds(30));
    }

    /** Bound to {@code qihu.case.lifecycle} in application.yml: closing and reopening. */
    @Bean
    Consumer<Message<byte[]>> followCases(EventCodec codec, CaseStateHandler handler) {
        return new EventConsumer(codec, handler, Duration.ofSeconds(30));
    }
}

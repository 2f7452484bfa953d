package qihu.dispatch.task;

import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import qihu.events.EventCodec;
import qihu.support.messaging.EventConsumer;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Bound to {@code qihu.case.triaged} and {@code qihu.case.lifecycle} (reopens) in application.yml. */
    @Bean
    Consumer<Message<byte[]>> dispatchCases(EventCodec codec, CaseEventHandler handler) {
        return new EventConsumer(codec, handler, Duration.ofSeconds(30));
    }
}

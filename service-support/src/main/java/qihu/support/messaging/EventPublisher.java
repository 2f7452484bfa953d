package qihu.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Sends an encoded event to its topic through the output binding declared for it in {@code application.yml}. The
 * binding for topic {@code qihu.case.lifecycle} is named {@code caseLifecycle-out-0}. With the binder's {@code sync}
 * producer setting, {@link #publish} returns only once the broker has the record, and throws otherwise.
 */
public class EventPublisher {

    private final StreamBridge bridge;
    private final BindingServiceProperties bindings;
    private final Map<String, String> checkedBindings = new ConcurrentHashMap<>();

    public EventPublisher(StreamBridge bridge, BindingServiceProperties bindings) {
        this.bridge = bridge;
        this.bindings = bindings;
    }

    public void publish(String topic, String key, String json) {
        String binding = checkedBindings.computeIfAbsent(topic, this::declaredBinding);
        Message<byte[]> message = MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
        if (!bridge.send(binding, message)) {
            throw new IllegalStateException("the binder refused an event for " + topic);
        }
    }

    /** The output binding's name for a topic: {@code qihu.case.lifecycle} → {@code caseLifecycle-out-0}. */
    public static String outputBindingFor(String topic) {
        String[] words = topic.replaceFirst("^qihu\\.", "").split("[.-]");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.append("-out-0").toString();
    }

    private String declaredBinding(String topic) {
        String binding = outputBindingFor(topic);
        BindingProperties declared = bindings.getBindings().get(binding);
        if (declared == null || !topic.equals(declared.getDestination())) {
            throw new IllegalStateException(
                    "no output binding for topic " + topic + ": declare spring.cloud.stream.bindings." + binding
                            + ".destination: " + topic + " in application.yml");
        }
        return binding;
    }
}

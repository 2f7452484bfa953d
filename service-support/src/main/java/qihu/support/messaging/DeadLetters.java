package qihu.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * Counts the events a consumer gave up on ({@code qihu.events.dead.lettered}, by topic and group): the binder calls
 * this for every record it sends to a dead-letter topic ({@code error.<topic>.<group>}) after the retries. The record
 * keeps its partition, as without this function; the dead-letter topics have as many partitions as their source.
 */
public class DeadLetters implements DlqPartitionFunction {

    public static final String METER = "qihu.events.dead.lettered";

    private final MeterRegistry meters;

    public DeadLetters(MeterRegistry meters, BindingServiceProperties bindings) {
        this.meters = meters;
        // Every consumer binding's series exists from the start, so "increase" sees the first dead letter too.
        bindings.getBindings().values().stream()
                .filter(binding -> binding.getGroup() != null && binding.getDestination() != null)
                .forEach(DeadLetters.this::register);
    }

    @Override
    public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable cause) {
        counter(record.topic(), group).increment();
        return record.partition();
    }

    private void register(BindingProperties binding) {
        Arrays.stream(binding.getDestination().split(","))
                .map(String::strip)
                .forEach(topic -> counter(topic, binding.getGroup()));
    }

    private Counter counter(String topic, String group) {
        return Counter.builder(METER)
                .description("Events sent to a dead-letter topic after the consumer's retries")
                .tag("topic", topic)
                .tag("group", group == null ? "none" : group)
                .register(meters);
    }
}

package qihu.evaluation.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.UnknownEventException;

/**
 * The live read models' feed: every case event on the case topics, from all partitions, whichever instance of the
 * service records it. Bound without a group (application.yml), so each instance has a group of its own and sees every
 * event, while the durable side effects stay with the shared group's consumer. Applying an event only touches memory.
 *
 * <p>Where it starts: at the records published since {@code replay} before this instance started, so that nothing
 * published while the instance was starting is missed by both the log it rebuilds from and this feed; the models drop
 * the copies ({@link LiveFold}). Older events reach the models through that log.
 */
@Component(LiveView.FUNCTION)
public class LiveView implements Consumer<Message<List<byte[]>>>, KafkaBindingRebalanceListener {

    /** The function bean bound in application.yml. */
    static final String FUNCTION = "liveView";

    private static final String BINDING = FUNCTION + "-in-0";

    private static final Logger log = LoggerFactory.getLogger(LiveView.class);

    private final EventLog eventLog;
    private final EventCodec codec;
    private final long startFrom;

    public LiveView(EventLog eventLog, EventCodec codec, @Value("${qihu.evaluation.live-replay:1m}") Duration replay) {
        this.eventLog = eventLog;
        this.codec = codec;
        // Broker timestamps are wall-clock time, whatever clock the service reads.
        this.startFrom = Clock.systemUTC().instant().minus(replay).toEpochMilli();
    }

    @Override
    public void accept(Message<List<byte[]>> records) {
        for (byte[] record : records.getPayload()) {
            EventEnvelope<?> event;
            try {
                event = codec.decode(record);
            } catch (UnknownEventException e) {
                continue;
            }
            eventLog.arrived(event);
        }
    }

    @Override
    public void onPartitionsAssigned(
            String bindingName,
            org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions,
            boolean initial) {
        if (!initial || !BINDING.equals(bindingName)) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> startFrom)));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
        log.info("live view follows {} partitions from {}", partitions.size(), Instant.ofEpochMilli(startFrom));
    }
}

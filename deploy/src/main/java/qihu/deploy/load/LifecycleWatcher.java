package qihu.deploy.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.Topics;

/**
 * Follows the case topics from the moment the run starts, decodes each event once (copies redelivered with the same
 * event id are counted and dropped) and notes it in {@link Trails}, then hands it to the run's listeners.
 */
final class LifecycleWatcher implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Consumer<EventEnvelope<?>>> listeners = new ArrayList<>();

    private final Trails trails = new Trails();
    private final LongAdder records = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final Set<String> seenEventIds = ConcurrentHashMap.newKeySet();
    private volatile Throwable failure;

    private LifecycleWatcher(String brokers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CASE_TRIAGED, Topics.CASE_LIFECYCLE)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException(
                        "topic " + topic + " does not exist on " + brokers + ": is the stack up (./qihu up)?");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes "the end" now, before the first request is sent
        thread = new Thread(this::run, "lifecycle-watcher");
        thread.setDaemon(true);
    }

    /** Starts following the topics from their current ends. */
    static LifecycleWatcher start(String brokers, List<Consumer<EventEnvelope<?>>> listeners) {
        LifecycleWatcher watcher = new LifecycleWatcher(brokers);
        watcher.listeners.addAll(listeners);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.increment();
                    EventEnvelope<?> event;
                    try {
                        event = codec.decode(record.value());
                    } catch (RuntimeException unknownOrMalformed) {
                        continue;
                    }
                    if (!seenEventIds.add(event.eventId())) {
                        redelivered.increment();
                        continue;
                    }
                    trails.note(event);
                    for (Consumer<EventEnvelope<?>> listener : listeners) {
                        listener.accept(event);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            // close() below
        } catch (Throwable e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** What the watcher has seen so far. */
    Trails trails() {
        return trails;
    }

    long records() {
        return records.sum();
    }

    /** Records whose event id was seen before (at-least-once delivery; harmless, consumers drop them). */
    long redelivered() {
        return redelivered.sum();
    }

    /** @throws IllegalStateException if the watcher died */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("the topic watcher failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import qihu.deploy.Service;

/** What the containers tests check on a real broker: the provisioned topics and the consumer groups' lag. */
final class BrokerChecks {

    private BrokerChecks() {}

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The binder made every bound topic with {@code partitions} partitions, and every dead-letter topic. */
    static void assertTopicsProvisioned(Admin admin, int partitions) throws Exception {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(topics).containsAll(ServiceTopics.boundTopics()).containsAll(ServiceTopics.deadLetterTopics());
        Map<String, TopicDescription> described = admin.describeTopics(ServiceTopics.boundTopics())
                .allTopicNames()
                .get(30, TimeUnit.SECONDS);
        described
                .values()
                .forEach(
                        topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(partitions));
    }

    /** Waits until the deployed services' consumer groups have consumed every record. */
    static void assertGroupsCatchUp(Admin admin, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long lag;
        do {
            lag = 0;
            for (Service service : Service.DEPLOYED) {
                for (String group : Set.copyOf(ServiceTopics.groupsOf(service).values())) {
                    lag += lag(admin, group);
                }
            }
        } while (lag > 0 && System.nanoTime() < deadline && pause());
        assertThat(lag).as("records the services' groups have not consumed").isZero();
    }

    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(30, TimeUnit.SECONDS);
        return committed.entrySet().stream()
                .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset())
                .sum();
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

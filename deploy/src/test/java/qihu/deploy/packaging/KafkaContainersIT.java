package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.kafka.KafkaContainer;
import qihu.deploy.LocalStack;
import qihu.deploy.StackConfig;

/**
 * The sign-in and the four services (as processes, with the local stack's embedded store) against a Kafka broker
 * from a container image instead of the embedded broker: the image the deployment uses, its KRaft start-up and its
 * listeners, the binder provisioning topics and dead-letter topics there, a request assigned through it, the groups
 * caught up.
 *
 * <p>The image is {@code apache/kafka:4.1.2} unless {@code -Dqihu.containers.kafka-image} names another; on a
 * machine without registry access, the locally built stand-in {@code qihu/kafka-standin:4.1.2}
 * (deploy/docker/kafka-standin/build.sh). Profile {@code containers} only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaContainersIT {

    private static final Duration EVENTUAL = StackRequests.EVENTUAL;
    private static final int PARTITIONS = 3;

    private static final KafkaContainer kafka = new KafkaContainer(ContainerImages.kafka());

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static Admin admin;

    @BeforeAll
    static void startBrokerAndServices() {
        System.out.println(
                "KafkaContainersIT: Kafka image " + ContainerImages.kafka().asCanonicalNameString());
        kafka.start();
        stack = LocalStack.start(StackConfig.forTests(home)
                .withEnv(LocalStack.KAFKA_BROKERS_ENV, kafka.getBootstrapServers())
                .withEnv("QIHU_KAFKA_PARTITIONS", String.valueOf(PARTITIONS)));
        admin = BrokerChecks.admin(kafka.getBootstrapServers());
    }

    @AfterAll
    static void stopAll() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
        }
        kafka.stop();
    }

    @Test
    @Order(1)
    void aRequestIsAssignedThroughTheBrokerOfTheImage() throws Exception {
        StackRequests.submit(stack, "HL-KAFKA-IMAGE-1");
        StackRequests.awaitAssigned(stack, "HL-KAFKA-IMAGE-1");
    }

    @Test
    @Order(2)
    void theEmbeddedBrokerWasNotUsed() throws Exception {
        try (Admin embedded = BrokerChecks.admin(stack.kafkaBootstrapServers())) {
            assertThat(embedded.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("topics on the local stack's own broker")
                    .doesNotContainAnyElementsOf(ServiceTopics.boundTopics());
        }
    }

    @Test
    @Order(3)
    void theBinderProvisionedTheTopicsAndTheDeadLetterTopics() throws Exception {
        BrokerChecks.assertTopicsProvisioned(admin, PARTITIONS);
    }

    @Test
    @Order(4)
    void theConsumerGroupsCaughtUp() throws Exception {
        // No second request: one from the same enterprise with a similar text is held for manual triage as a
        // possible duplicate, so it would never be assigned.
        BrokerChecks.assertGroupsCatchUp(admin, EVENTUAL);
    }
}

package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema check itself: it must fail where a reviewer would. */
class SchemaCheckTest {

    @Test
    void aMistypedFieldOfABuiltInKindFails() {
        Map<String, Object> service = Map.of(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                Map.of("name", "intake-service"),
                "spec",
                Map.of("selector", Map.of("app", "x"), "ports", List.of(Map.of("port", 8080, "targtPort", 8080))));

        assertThatThrownBy(() -> SchemaCheck.bind(service))
                .hasMessageContaining("spec.ports[0]: unknown field(s) [targtPort]");
    }

    @Test
    void aFieldTheStrimziV1ApiNoLongerHasFails() {
        Map<String, Object> kafka = Map.of(
                "apiVersion",
                "kafka.strimzi.io/v1",
                "kind",
                "Kafka",
                "metadata",
                Map.of("name", "qihu"),
                "spec",
                Map.of(
                        "kafka",
                        Map.of(
                                "replicas",
                                3,
                                "listeners",
                                List.of(Map.of("name", "plain", "port", 9092, "type", "internal", "tls", false)))));

        assertThatThrownBy(() -> SchemaCheck.bind(kafka))
                .hasMessageContaining(".spec.kafka.replicas: not in API version v1");
    }

    @Test
    void aMongoDbCommunityFieldTheCrdDoesNotHaveFails() {
        Map<String, Object> mongo = Map.of(
                "apiVersion",
                "mongodbcommunity.mongodb.com/v1",
                "kind",
                "MongoDBCommunity",
                "metadata",
                Map.of("name", "qihu-mongo"),
                "spec",
                Map.of(
                        "type",
                        "ReplicaSet",
                        "members",
                        3,
                        "version",
                        "8.0.4",
                        "replicas",
                        3,
                        "security",
                        Map.of("authentication", Map.of("modes", List.of("SCRAM"))),
                        "users",
                        List.of()));

        assertThatThrownBy(() -> SchemaCheck.bind(mongo)).hasMessageContaining("replicas");
    }

    @Test
    void versionRanges() {
        assertThat(SchemaCheck.includes("v1beta2", "v1")).isFalse();
        assertThat(SchemaCheck.includes("v1beta2+", "v1")).isTrue();
        assertThat(SchemaCheck.includes("v1alpha1-v1beta2", "v1")).isFalse();
        assertThat(SchemaCheck.includes("v1beta2, v1", "v1")).isTrue();
    }
}

package qihu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepted means stored: with the broker gone, intake keeps answering 202, and once the broker is back every
 * accepted request is published, each exactly once (intake-service with the real broker and store, as processes).
 */
class BrokerOutageIT {

    private static final String TOPIC = "qihu.request.received";
    private static final String CHANNEL = "zheliban";
    private static final int BEFORE = 30;
    private static final int DURING = 60;
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    private static final Duration EVENTUAL = Duration.ofSeconds(120);

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static ChannelClient channels;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startIntakeAlone() {
        stack = LocalStack.start(StackConfig.forTests(home).withServices(Set.of(Service.INTAKE)));
        channels = new ChannelClient(stack.serviceUrl(Service.INTAKE), ChannelClient.demoKeys(Path.of("..")));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyRequestAcceptedWhileTheBrokerWasDownIsPublishedExactlyOnceWhenItIsBack() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < BEFORE; i++) {
            accepted.add(submit("ZLB-OUTAGE-BEFORE-" + i));
        }

        stack.stopBroker();
        long slowest = 0;
        for (int i = 0; i < DURING; i++) {
            long started = System.nanoTime();
            accepted.add(submit("ZLB-OUTAGE-DURING-" + i));
            slowest = Math.max(slowest, System.nanoTime() - started);
        }
        // Accepting does not wait for the broker.
        assertThat(Duration.ofNanos(slowest)).isLessThan(ANSWER_LIMIT);
        // A re-send during the outage is the same request, not a second one.
        assertThat(submit("ZLB-OUTAGE-DURING-0")).isEqualTo(accepted.get(BEFORE));

        // The broker really was away: intake's fast path failed and left the events to the outbox poller.
        assertThat(publishFailures()).isPositive();
        stack.startBroker();

        Map<String, Integer> published = publishedRequestIds(accepted.size());
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(published.values()).as("times each request was published").containsOnly(1);
    }

    /** Reads the topic from the start until every expected request was seen, then a little longer for doubles. */
    private static Map<String, Integer> publishedRequestIds(int expected) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-outage-audit");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + EVENTUAL.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = json.readTree(record.value());
                    counts.merge(event.path("payload").path("requestId").asString(), 1, Integer::sum);
                }
                if (counts.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    // Everything arrived: keep listening a while, so that a double would be seen.
                    quietUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
            }
        }
        return counts;
    }

    private static double publishFailures() throws Exception {
        HttpResponse<String> metrics = http.sendAsync(
                        HttpRequest.newBuilder(stack.prometheusUrl(Service.INTAKE))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .get(ANSWER_LIMIT.toSeconds(), TimeUnit.SECONDS);
        return metrics.body()
                .lines()
                .filter(line -> line.startsWith("qihu_outbox_publish_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String submit(String channelRequestId) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channel", CHANNEL);
        request.put("channelRequestId", channelRequestId);
        request.put("enterprise", Map.of("uscc", "91330782MA2D7QF513", "name", "义乌市鸿达小商品有限公司"));
        request.put("regionCode", "330782");
        request.put("title", "厂房消防验收迟迟未办结");
        request.put("content", "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。");
        HttpRequest post = channels.canonical(CHANNEL, json.writeValueAsBytes(request));
        HttpResponse<String> response = http.sendAsync(post, HttpResponse.BodyHandlers.ofString())
                .get(ANSWER_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode())
                .as("%s: %s", channelRequestId, response.body())
                .isEqualTo(202);
        return json.readTree(response.body()).get("requestId").asString();
    }
}

package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qihu.deploy.LocalStack;
import qihu.deploy.Service;
import qihu.deploy.StackConfig;

/**
 * The services as they run for real (the local stack, with JSON logs as in the containers) expose every metric the
 * alert rules and dashboards query, once a request went through; and one request can be followed through the logs of
 * every service that handled it by its correlation id.
 */
class MetricsExposedIT {

    private static final String CHANNEL_REQUEST_ID = "HL-METRICS-1";

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static String requestId;

    @BeforeAll
    static void startStackAndSendOneRequest() throws Exception {
        stack = LocalStack.start(StackConfig.forTests(home).withEnv("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
        requestId = StackRequests.submit(stack, CHANNEL_REQUEST_ID);
        StackRequests.awaitAssigned(stack, CHANNEL_REQUEST_ID);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyMetricTheRulesAndDashboardsQueryIsExposed() throws Exception {
        Map<Service, Set<String>> exposed = new EnumMap<>(Service.class);
        Set<String> all = new TreeSet<>();
        for (Service service : Service.DEPLOYED) {
            // Twice: the first scrape is itself an HTTP request the second one reports.
            scrape(service);
            exposed.put(service, scrape(service));
            all.addAll(exposed.get(service));
        }

        assertThat(all).containsAll(Observability.queriedMetrics());
        exposed.forEach((service, metrics) -> assertThat(metrics)
                .as(service.moduleName())
                .contains(
                        "process_uptime_seconds",
                        "jvm_memory_used_bytes",
                        "http_server_requests_seconds_bucket",
                        "spring_cloud_stream_binder_kafka_offset",
                        "qihu_events_dead_lettered_total",
                        "qihu_outbox_publish_failures_total"));
    }

    @Test
    void theRequestCanBeFollowedThroughTheServicesLogsByItsCorrelationId() throws Exception {
        String correlated = "\"correlationId\":\"" + requestId + "\"";
        for (Service service : new Service[] {Service.TRIAGE, Service.DISPATCH}) {
            String log = Files.readString(stack.config().logFile(service), StandardCharsets.UTF_8);
            assertThat(log.lines().filter(line -> line.startsWith("{") && line.contains(correlated)))
                    .as(service.moduleName() + " logs JSON lines with " + correlated)
                    .isNotEmpty();
        }
    }

    private static Set<String> scrape(Service service) throws Exception {
        HttpResponse<String> response = StackRequests.send(
                HttpRequest.newBuilder(stack.prometheusUrl(service)).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        response.body()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }
}

package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards and their provisioning: each dashboard loads (unique uid, panels on the grid, every query on
 * the provisioned Prometheus), the closure loop and the platform are both there, and the provider finds them where
 * compose mounts them. That the services expose what the queries read is {@code MetricsExposedIT}'s part.
 */
class DashboardsTest {

    private static final Path PROVISIONING = Repo.path("deploy/grafana/provisioning");

    @Test
    void theClosureLoopAndThePlatformDashboardsAreProvisionedOnThePrometheusDataSource() {
        Map<String, Object> datasource =
                Repo.map(Repo.list(Repo.yaml(PROVISIONING.resolve("datasources/prometheus.yml")), "datasources")
                        .get(0));
        String uid = Repo.string(datasource, "uid");
        assertThat(Repo.string(datasource, "url")).isEqualTo("http://prometheus:9090");

        Set<String> uids = new HashSet<>();
        for (Path file : Observability.dashboards()) {
            JsonNode dashboard = Observability.dashboard(file);
            assertThat(uids.add(dashboard.path("uid").asString()))
                    .as(file + " uid")
                    .isTrue();
            List<JsonNode> panels = Observability.panels(dashboard);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels) {
                String what = file.getFileName() + " \"" + panel.path("title").asString() + "\"";
                assertThat(ids.add(panel.path("id").asInt())).as(what + " id").isTrue();
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as(what)
                        .isBetween(1, 24);
                if (!panel.path("type").asString().equals("row")) {
                    assertThat(panel.path("datasource").path("uid").asString())
                            .as(what)
                            .isEqualTo(uid);
                    assertThat(panel.path("targets")).as(what).isNotEmpty();
                    panel.path("targets").forEach(target -> {
                        assertThat(target.path("datasource").path("uid").asString())
                                .as(what)
                                .isEqualTo(uid);
                        assertThat(target.path("expr").asString()).as(what).isNotBlank();
                    });
                }
            }
        }
        assertThat(uids).contains("qihu-closure-loop", "qihu-platform");

        Map<String, Object> provider =
                Repo.map(Repo.list(Repo.yaml(PROVISIONING.resolve("dashboards/qihu.yml")), "providers")
                        .get(0));
        String mountedAt = Repo.string(provider, "options", "path");
        assertThat(Repo.read(Repo.path("docker-compose.yml")))
                .contains("./deploy/grafana/dashboards:" + mountedAt + ":ro")
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void theQueriesReadTheBusinessMetricsOfTheClosureLoop() {
        assertThat(Observability.queriedMetrics())
                .contains(
                        "qihu_requests_accepted_total",
                        "qihu_triage_requests_merged_total",
                        "qihu_triage_classification_confidence_bucket",
                        "qihu_tasks_open",
                        "qihu_sla_colour_changes_total",
                        "qihu_sla_escalations_total",
                        "qihu_events_dead_lettered_total",
                        "spring_cloud_stream_binder_kafka_offset");
        // Evaluation publishes no report runs yet: no panel may promise them.
        assertThat(Observability.queriedMetrics()).noneMatch(metric -> metric.contains("report"));
    }
}

package qihu.deploy.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The alert rules and dashboards, and the PromQL they run. */
final class Observability {

    static final Path RULES = Repo.path("deploy/prometheus/rules");
    static final Path DASHBOARDS = Repo.path("deploy/grafana/dashboards");

    /** Series Prometheus writes itself rather than scraping them. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Observability() {}

    static List<Path> dashboards() {
        return files(DASHBOARDS, ".json");
    }

    static JsonNode dashboard(Path file) {
        return JSON.readTree(file.toFile());
    }

    /** Every panel of a dashboard, those inside rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL expression, keyed by where it stands (file, alert or panel title). */
    static Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Path file : files(RULES, ".yml")) {
            for (Object group : Repo.list(Repo.yaml(file), "groups")) {
                for (Object rule : Repo.list(group, "rules")) {
                    expressions.put(file.getFileName() + " " + Repo.string(rule, "alert"), Repo.string(rule, "expr"));
                }
            }
        }
        for (Path file : dashboards()) {
            for (JsonNode panel : panels(dashboard(file))) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.put(
                            file.getFileName() + " \"" + panel.path("title").asString() + "\" "
                                    + target.path("refId").asString(),
                            target.path("expr").asString());
                }
            }
        }
        return expressions;
    }

    /** The scraped metrics the rules and dashboards read. */
    static Set<String> queriedMetrics() {
        Set<String> metrics = new TreeSet<>();
        expressions().values().forEach(expression -> metrics.addAll(PromQl.metricNames(expression)));
        metrics.removeAll(PROMETHEUS_OWN);
        return metrics;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import qihu.deploy.Service;

/**
 * docker-compose.yml, checked as {@code docker compose config} would and a reviewer should: every dependency exists
 * and is waited for properly, every long-running container has a health check and a memory limit, named volumes are
 * declared, every {@code ${VAR}} has a default or is in .env.example, no secret is written into the file, Kafka gets
 * exactly the topics the services use, and Prometheus scrapes every service.
 */
class ComposeFileTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|_key)$");

    private final String text = Repo.read(Repo.path("docker-compose.yml"));
    private final Map<String, Object> compose = Repo.yaml(Repo.path("docker-compose.yml"));
    private final Map<String, Object> services = Repo.map(compose, "services");

    @Test
    void everyDependencyExistsAndIsWaitedForByItsState() {
        services.forEach((name, service) -> {
            Map<String, Object> dependsOn = Repo.map(service, "depends_on");
            if (dependsOn == null) {
                return;
            }
            dependsOn.forEach((dependency, how) -> {
                assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
                String condition = Repo.string(how, "condition");
                Object target = services.get(dependency);
                switch (String.valueOf(condition)) {
                    case "service_healthy" ->
                        assertThat(Repo.map(target, "healthcheck"))
                                .as(dependency + " has a health check " + name + " waits for")
                                .isNotNull();
                    case "service_completed_successfully" ->
                        assertThat(Repo.string(target, "restart"))
                                .as(dependency + " runs once")
                                .isEqualTo("no");
                    default ->
                        throw new AssertionError(name + " waits for " + dependency + " by " + condition
                                + "; use service_healthy or service_completed_successfully");
                }
            });
        });
    }

    @Test
    void everyLongRunningContainerHasAHealthCheckAndEveryContainerAMemoryLimit() {
        services.forEach((name, service) -> {
            assertThat(Repo.string(service, "deploy", "resources", "limits", "memory"))
                    .as(name + " memory limit")
                    .isNotBlank();
            if (!"no".equals(Repo.string(service, "restart"))) {
                assertThat(Repo.list(service, "healthcheck", "test"))
                        .as(name + " health check")
                        .isNotEmpty();
                assertThat(Repo.string(service, "restart")).as(name).isEqualTo("unless-stopped");
            }
        });
    }

    @Test
    void namedVolumesAreDeclaredAndMountedFilesExist() {
        Set<String> declared = Repo.map(compose, "volumes").keySet();
        services.forEach((name, service) -> {
            for (Object volume : Repo.list(service, "volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(Repo.ROOT.resolve(source))
                            .as(name + " mounts " + source)
                            .exists();
                } else {
                    assertThat(declared).as(name + " uses volume " + source).contains(source);
                }
            }
        });
        assertThat(Repo.map(compose, "secrets")).isNotEmpty();
    }

    @Test
    void everyVariableHasADefaultOrIsInTheExampleEnvironment() {
        Set<String> example = exampleEnvironment().keySet();
        Matcher variables = VARIABLE.matcher(text);
        Set<String> undefined = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        while (variables.find()) {
            String name = variables.group(1);
            seen.add(name);
            boolean hasDefault =
                    variables.group(2) != null && variables.group(2).endsWith("-");
            if (!hasDefault && !example.contains(name)) {
                undefined.add(name);
            }
        }
        assertThat(undefined)
                .as("variables without a default, missing in .env.example")
                .isEmpty();
        assertThat(example).as(".env.example lists only what compose reads").isEqualTo(seen);
    }

    @Test
    void noSecretIsWrittenIntoTheFileOrTheExampleEnvironment() {
        services.forEach((name, service) -> {
            Object environment = Repo.at(service, "environment");
            if (environment instanceof Map<?, ?> variables) {
                variables.forEach((key, value) -> {
                    if (SECRET_NAME.matcher(String.valueOf(key)).matches()) {
                        assertThat(String.valueOf(value))
                                .as(name + " " + key + " comes from the environment")
                                .matches("\\$\\{[A-Z_]+:\\?[^}]*}");
                    }
                });
            }
        });
        exampleEnvironment().forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as(".env.example " + key).isEmpty();
            }
        });
    }

    @Test
    void kafkaGetsTheTopicsTheServicesUseAndTheirDeadLetterTopics() {
        String script = String.join(
                " ",
                Repo.list(services.get("kafka-init"), "entrypoint").stream()
                        .map(String::valueOf)
                        .toList());
        Set<String> created = Pattern.compile("\\b(?:error\\.)?qihu\\.[a-z.]+[a-z]")
                .matcher(script)
                .results()
                .map(MatchResult::group)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> expected = new TreeSet<>(ServiceTopics.eventTopics());
        expected.addAll(ServiceTopics.deadLetterTopics());
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void everyServiceIsBuiltFromTheDockerfileRunsOnItsReadinessAndIsScrapedByPrometheus() {
        Map<String, Object> prometheus = Repo.yaml(Repo.path("deploy/prometheus/prometheus.yml"));
        Map<String, Object> qihuJob = Repo.list(prometheus, "scrape_configs").stream()
                .map(job -> Repo.map(job))
                .filter(job -> "qihu".equals(job.get("job_name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scrape job \"qihu\""));
        assertThat(Repo.string(qihuJob, "metrics_path")).isEqualTo("/actuator/prometheus");
        Map<String, String> scraped = new LinkedHashMap<>();
        for (Object target : Repo.list(qihuJob, "static_configs")) {
            scraped.put(String.valueOf(Repo.list(target, "targets").get(0)), Repo.string(target, "labels", "service"));
        }

        for (Service service : Service.DEPLOYED) {
            Object container = services.get(service.moduleName());
            assertThat(container).as(service.moduleName()).isNotNull();
            assertThat(Repo.string(container, "build", "dockerfile")).isEqualTo("../../deploy/docker/Dockerfile");
            assertThat(Repo.string(container, "build", "context")).isEqualTo("./" + service.moduleName() + "/target");
            assertThat(Repo.string(container, "build", "args", "JAR_FILE")).isEqualTo(service.moduleName() + ".jar");
            assertThat(Repo.list(container, "healthcheck", "test"))
                    .contains("http://127.0.0.1:8080/actuator/health/readiness");
            assertThat(scraped).containsEntry(service.moduleName() + ":8080", service.moduleName());
        }
        assertThat(Files.isRegularFile(Repo.path("deploy/docker/Dockerfile"))).isTrue();
    }

    @Test
    void theSignInIsBuiltLikeTheServicesAndIsTheIssuerTheyTrustByDefault() {
        Object auth = services.get("auth");
        assertThat(Repo.map(auth).get("profiles")).as("started by default").isNull();
        assertThat(Repo.string(auth, "build", "context")).isEqualTo("./auth-server/target");
        assertThat(Repo.string(auth, "build", "args", "JAR_FILE")).isEqualTo("auth-server.jar");
        assertThat(Repo.list(auth, "healthcheck", "test")).contains("http://127.0.0.1:8080/actuator/health/readiness");
        String issuer = Repo.string(auth, "environment", "QIHU_ISSUER");
        for (String resourceServer : List.of("dispatch-service", "evaluation-service")) {
            Object service = services.get(resourceServer);
            assertThat(Repo.string(service, "environment", "QIHU_ISSUER"))
                    .as(resourceServer)
                    .isEqualTo(issuer);
            assertThat(Repo.string(service, "environment", "QIHU_JWK_SET_URI"))
                    .as(resourceServer)
                    .contains("http://auth:8080/oauth2/jwks");
        }
    }

    private static Map<String, String> exampleEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.path(".env.example")).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                assertThat(equals).as(".env.example line: " + line).isPositive();
                variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return variables;
    }
}

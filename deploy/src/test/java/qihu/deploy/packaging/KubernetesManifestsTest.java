package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import qihu.deploy.Service;

/**
 * deploy/k8s, checked offline: both overlays render (see {@link Kustomize}), every object matches its schema
 * ({@link SchemaCheck}), and what the objects say fits together and fits the code: probes on the actuator's probe
 * groups, every reference (ConfigMap, Secret, autoscaler target, budget and Service selectors) resolves, the topics
 * are the ones the services bind to plus their dead-letter topics, each service reads only its own MongoDB user,
 * and production is durable (three brokers, min.insync.replicas 2, a three-member replica set, majority writes).
 */
class KubernetesManifestsTest {

    private static final Path K8S = Repo.path("deploy/k8s");

    /** Secrets the cluster's operators create before the first apply; deploy/k8s/README.md says how. */
    private static final Set<String> EXTERNAL_SECRETS = Set.of(
            "qihu-intake-channel-keys",
            "qihu-mongo-intake-password",
            "qihu-mongo-triage-password",
            "qihu-mongo-dispatch-password",
            "qihu-mongo-evaluation-password");

    /** One overlay, rendered and bound. */
    record Rendered(String overlay, List<Map<String, Object>> raw, List<Object> objects) {

        static Rendered of(String overlay) {
            List<Map<String, Object>> raw =
                    Kustomize.build(K8S.resolve("overlays").resolve(overlay));
            return new Rendered(
                    overlay, raw, raw.stream().map(SchemaCheck::bind).toList());
        }

        <T> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T> T one(Class<T> type, String name) {
            return all(type).stream()
                    .filter(o -> name.equals(nameOf(o)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
        }

        List<Map<String, Object>> mongoDbs() {
            return raw.stream()
                    .filter(o -> SchemaCheck.MONGODB_COMMUNITY.equals(SchemaCheck.typeOf(o)))
                    .toList();
        }

        private static String nameOf(Object object) {
            return ((io.fabric8.kubernetes.api.model.HasMetadata) object)
                    .getMetadata()
                    .getName();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyObjectMatchesItsSchemaAndLivesInTheOverlaysNamespace(String overlay) {
        Rendered rendered = Rendered.of(overlay);

        assertThat(rendered.objects()).hasSizeGreaterThan(20);
        String namespace = rendered.all(io.fabric8.kubernetes.api.model.Namespace.class).stream()
                .map(n -> n.getMetadata().getName())
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " creates no Namespace"));
        assertThat(rendered.raw())
                .filteredOn(o -> !"Namespace".equals(Kustomize.kind(o)))
                .allSatisfy(o -> assertThat(Repo.string(o, "metadata", "namespace"))
                        .as(Kustomize.kind(o) + " " + Kustomize.name(o))
                        .isEqualTo(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void kubectlKustomizeRendersTheSameObjects(String overlay) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH; the built-in rendering is checked alone");
        Process kubectl = new ProcessBuilder(
                        "kubectl",
                        "kustomize",
                        K8S.resolve("overlays").resolve(overlay).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isZero();
        List<Object> theirs = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output).forEach(theirs::add);

        assertThat(sorted(theirs))
                .isEqualTo(sorted(
                        new ArrayList<>(Kustomize.build(K8S.resolve("overlays").resolve(overlay)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceRunsAsADeploymentWithProbesResourcesAndMetrics(String overlay) {
        Rendered rendered = Rendered.of(overlay);

        for (Service service : Service.DEPLOYED) {
            Deployment deployment = rendered.one(Deployment.class, service.moduleName());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers()).hasSize(1);
            Container container = pod.getContainers().get(0);
            String what = overlay + " " + service.moduleName();

            int port = container.getPorts().get(0).getContainerPort();
            assertThat(container.getPorts().get(0).getName()).isEqualTo("http");
            assertThat(env(container, "SERVER_PORT")).as(what).isEqualTo(String.valueOf(port));
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", what);
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", what);
            assertProbe(container.getStartupProbe(), "/actuator/health/liveness", what);

            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(what).containsKeys("cpu", "memory");
            // The JVM sizes its heap from the limit; a request below it would let the node overcommit memory.
            assertThat(limits.get("memory")).as(what).isEqualTo(requests.get("memory"));

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(what).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                    .as(what)
                    .isTrue();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(what)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(port));
            // The autoscaler owns the replica count.
            assertThat(deployment.getSpec().getReplicas()).as(what).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyReferenceResolves(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> configMaps = names(rendered.all(ConfigMap.class));
        Set<String> operatorSecrets = rendered.mongoDbs().stream()
                .flatMap(db -> Repo.list(db, "spec", "users").stream())
                .map(user -> Repo.string(user, "connectionStringSecretName"))
                .collect(Collectors.toSet());

        for (Deployment deployment : rendered.all(Deployment.class)) {
            String what = overlay + " " + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels)
                    .as(what)
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            for (Container container : pod.getContainers()) {
                container
                        .getEnvFrom()
                        .forEach(from -> assertThat(configMaps)
                                .as(what + " envFrom")
                                .contains(from.getConfigMapRef().getName()));
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() != null) {
                        assertThat(variable.getValueFrom().getSecretKeyRef())
                                .as(what)
                                .isNotNull();
                        assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                                .as(what + " " + variable.getName())
                                .isIn(operatorSecrets);
                    }
                }
                container
                        .getVolumeMounts()
                        .forEach(mount -> assertThat(pod.getVolumes())
                                .as(what + " mount " + mount.getName())
                                .anyMatch(volume -> volume.getName().equals(mount.getName())));
            }
            pod.getVolumes().stream()
                    .filter(volume -> volume.getSecret() != null)
                    .forEach(volume -> assertThat(EXTERNAL_SECRETS)
                            .as(what)
                            .contains(volume.getSecret().getSecretName()));

            List<HorizontalPodAutoscaler> autoscalers = rendered.all(HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec()
                                    .getScaleTargetRef()
                                    .getName()
                                    .equals(deployment.getMetadata().getName())
                            && hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment"))
                    .toList();
            assertThat(autoscalers).as(what + " autoscaler").hasSize(1);
            HorizontalPodAutoscaler hpa = autoscalers.get(0);
            assertThat(hpa.getSpec().getMinReplicas())
                    .isPositive()
                    .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMetrics())
                    .as(what + " scales on CPU")
                    .anyMatch(metric -> "Resource".equals(metric.getType())
                            && "cpu".equals(metric.getResource().getName()));

            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(pdb -> podLabels
                            .entrySet()
                            .containsAll(
                                    pdb.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertThat(budgets).as(what + " disruption budget").hasSize(1);
            // A budget that needs every pod up would block every node drain.
            assertThat(budgets.get(0).getSpec().getMaxUnavailable().getIntVal()).isPositive();

            assertThat(rendered.all(io.fabric8.kubernetes.api.model.Service.class))
                    .as(what + " Service")
                    .anyMatch(svc -> podLabels
                                    .entrySet()
                                    .containsAll(svc.getSpec().getSelector().entrySet())
                            && svc.getSpec().getPorts().stream()
                                    .allMatch(p -> pod.getContainers().get(0).getPorts().stream()
                                            .anyMatch(cp -> cp.getName()
                                                    .equals(p.getTargetPort().getStrVal()))));
        }
        for (Map<String, Object> db : rendered.mongoDbs()) {
            Repo.list(db, "spec", "users")
                    .forEach(user ->
                            assertThat(EXTERNAL_SECRETS).contains(Repo.string(user, "passwordSecretRef", "name")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void eachServiceReadsItsOwnDatabaseWithItsOwnUserAndWritesWithMajority(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        assertThat(rendered.mongoDbs()).hasSize(1);
        Map<String, Object> db = rendered.mongoDbs().get(0);
        assertThat(Repo.string(db, "spec", "additionalConnectionStringConfig", "w"))
                .isEqualTo("majority");

        for (Service service : Service.DEPLOYED) {
            Container container = rendered.one(Deployment.class, service.moduleName())
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            String secret = container.getEnv().stream()
                    .filter(v -> v.getName().equals("QIHU_MONGO_URI"))
                    .map(v -> v.getValueFrom().getSecretKeyRef().getName())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " reads no QIHU_MONGO_URI"));
            Object user = Repo.list(db, "spec", "users").stream()
                    .filter(u -> secret.equals(Repo.string(u, "connectionStringSecretName")))
                    .findFirst()
                    .orElseThrow();
            assertThat(Repo.list(user, "roles"))
                    .as(service + "'s user may use only the service's database")
                    .containsExactly(Map.of("name", "readWrite", "db", databaseOf(service)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theTopicsAreTheOnesTheServicesUseWithTheirDeadLetterTopics(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Kafka kafka = rendered.all(Kafka.class).get(0);
        Map<String, KafkaTopic> topics = rendered.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t));

        assertThat(ServiceTopics.eventTopics()).containsAll(ServiceTopics.boundTopics());
        Set<String> expected = new TreeSet<>(ServiceTopics.eventTopics());
        expected.addAll(ServiceTopics.deadLetterTopics());
        assertThat(new TreeSet<>(topics.keySet())).isEqualTo(expected);
        for (KafkaTopic topic : topics.values()) {
            assertThat(topic.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(topic.getSpec().getTopicName()).isNull();
        }
        // A dead letter keeps its partition number.
        for (String deadLetters : ServiceTopics.deadLetterTopics()) {
            String source = deadLetters.substring("error.".length(), deadLetters.lastIndexOf('.'));
            assertThat(topics.get(deadLetters).getSpec().getPartitions())
                    .as(deadLetters)
                    .isGreaterThanOrEqualTo(topics.get(source).getSpec().getPartitions());
        }
        // More consumers of a group than partitions would sit idle.
        for (Service service : Service.DEPLOYED) {
            int fewestPartitions = ServiceTopics.groupsOf(service).keySet().stream()
                    .mapToInt(topic -> topics.get(topic).getSpec().getPartitions())
                    .min()
                    .orElse(Integer.MAX_VALUE);
            assertThat(autoscalerOf(rendered, service).getSpec().getMaxReplicas())
                    .as(overlay + " " + service)
                    .isLessThanOrEqualTo(fewestPartitions);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theServicesFindKafkaWhereStrimziPutsItAndReplicationFitsTheBrokers(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Kafka kafka = rendered.all(Kafka.class).get(0);
        Map<String, String> config =
                rendered.one(ConfigMap.class, "qihu-config").getData();
        GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().stream()
                .filter(listener -> !listener.isTls())
                .findFirst()
                .orElseThrow();

        assertThat(config.get("QIHU_KAFKA_BROKERS"))
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort());
        List<KafkaNodePool> pools = rendered.all(KafkaNodePool.class);
        assertThat(pools)
                .allSatisfy(pool -> assertThat(pool.getMetadata().getLabels())
                        .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
        int brokers = pools.stream()
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas())
                .sum();
        assertThat(pools).anyMatch(pool -> pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER));
        Map<String, Object> brokerConfig = kafka.getSpec().getKafka().getConfig();
        assertThat(number(brokerConfig.get("default.replication.factor"))).isLessThanOrEqualTo(brokers);
        assertThat(Integer.parseInt(config.get("QIHU_KAFKA_REPLICATION"))).isLessThanOrEqualTo(brokers);
        for (KafkaTopic topic : rendered.all(KafkaTopic.class)) {
            int replicas = topic.getSpec().getReplicas();
            int minInSync = number(topic.getSpec().getConfig().get("min.insync.replicas"));
            assertThat(replicas).as(topic.getMetadata().getName()).isLessThanOrEqualTo(brokers);
            // acks=all means "all in-sync replicas": with more than one replica, one may fail without losing writes.
            assertThat(minInSync)
                    .as(topic.getMetadata().getName())
                    .isLessThanOrEqualTo(replicas == 1 ? 1 : replicas - 1);
        }
    }

    @Test
    void productionIsDurable() {
        Rendered production = Rendered.of("production");

        int brokers = production.all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas())
                .sum();
        assertThat(brokers).isGreaterThanOrEqualTo(3);
        assertThat(production.all(KafkaTopic.class)).allSatisfy(topic -> {
            assertThat(topic.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
            assertThat(number(topic.getSpec().getConfig().get("min.insync.replicas")))
                    .isGreaterThanOrEqualTo(2);
        });
        assertThat(number(Repo.at(production.mongoDbs().get(0), "spec", "members")))
                .isGreaterThanOrEqualTo(3)
                .isOdd();
        assertThat(production.all(Deployment.class))
                .allSatisfy(d -> assertThat(d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage())
                        .as("a released image from a registry")
                        .contains("/qihu/")
                        .doesNotContain("SNAPSHOT"));
    }

    @Test
    void consumersScaleOnTheLagOfTheirOwnGroupInProduction() {
        Rendered production = Rendered.of("production");

        for (Service service : List.of(Service.TRIAGE, Service.DISPATCH, Service.EVALUATION)) {
            Map<String, String> groups = ServiceTopics.groupsOf(service);
            List<MetricSpec> lag = autoscalerOf(production, service).getSpec().getMetrics().stream()
                    .filter(metric -> "External".equals(metric.getType()))
                    .toList();
            assertThat(lag).as(service.moduleName()).hasSize(1);
            Map<String, String> selector =
                    lag.get(0).getExternal().getMetric().getSelector().getMatchLabels();
            assertThat(lag.get(0).getExternal().getMetric().getName()).isEqualTo("kafka_consumergroup_lag");
            assertThat(groups).containsEntry(selector.get("topic"), selector.get("consumergroup"));
        }
    }

    @Test
    void everyManifestIsPartOfAKustomizationAndEverySecretToCreateIsDocumented() throws IOException {
        Set<Path> used = new HashSet<>();
        try (Stream<Path> kustomizations = Files.walk(K8S)) {
            kustomizations
                    .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(k -> {
                        used.add(k);
                        Map<String, Object> kustomization = Repo.yaml(k);
                        Repo.list(kustomization, "resources").stream()
                                .map(r ->
                                        k.getParent().resolve(String.valueOf(r)).normalize())
                                .forEach(used::add);
                        Repo.list(kustomization, "patches").stream()
                                .map(p -> k.getParent()
                                        .resolve(Repo.string(p, "path"))
                                        .normalize())
                                .forEach(used::add);
                    });
        }
        try (Stream<Path> files = Files.walk(K8S)) {
            assertThat(files.filter(p -> p.toString().endsWith(".yaml")).map(Path::normalize))
                    .allMatch(used::contains, "listed in a kustomization.yaml");
        }
        String readme = Repo.read(K8S.resolve("README.md"));
        assertThat(EXTERNAL_SECRETS).allSatisfy(secret -> assertThat(readme).contains(secret));
    }

    private static HorizontalPodAutoscaler autoscalerOf(Rendered rendered, Service service) {
        return rendered.one(HorizontalPodAutoscaler.class, service.moduleName());
    }

    /** The database a service uses by default, from {@code spring.mongodb.database: ${QIHU_X_DB:qihu_x}}. */
    private static String databaseOf(Service service) {
        String configured = Repo.string(
                Repo.yaml(Repo.path(service.moduleName() + "/src/main/resources/application.yml")),
                "spring",
                "mongodb",
                "database");
        return configured.replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1");
    }

    private static void assertProbe(Probe probe, String path, String what) {
        assertThat(probe).as(what + " probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what).isEqualTo("http");
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream()
                .filter(v -> v.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    private static int number(Object value) {
        return Integer.parseInt(String.valueOf(Objects.requireNonNull(value)));
    }

    private static Set<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static List<Object> sorted(List<Object> objects) {
        List<Object> copy = new ArrayList<>(objects);
        copy.sort(Comparator.comparing(o -> Repo.string(o, "kind") + "/" + Repo.string(o, "metadata", "name")));
        return copy;
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(java.io.File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}

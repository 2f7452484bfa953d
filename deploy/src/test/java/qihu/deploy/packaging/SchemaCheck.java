package qihu.deploy.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a Kubernetes object to its schema. Built-in kinds and Strimzi's custom resources bind to their Java models
 * (fabric8's kubernetes-model, Strimzi's api), MongoDBCommunity is checked against the JSON Schema transcribed from
 * its CRD. The models keep unknown fields aside instead of failing, so a bound object is walked and every field the
 * model did not know is reported: a typo ({@code readinesProbe}) or a field of another API version fails the build.
 */
final class SchemaCheck {

    /** apiVersion/kind → model class. */
    static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class);

    static final String MONGODB_COMMUNITY = "mongodbcommunity.mongodb.com/v1/MongoDBCommunity";

    /** The Strimzi API version the manifests are written in; older ones' fields must not be used. */
    static final String STRIMZI_VERSION = "v1";

    private static final List<String> STRIMZI_VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");
    private static final ObjectMapper MODEL_MAPPER = new ObjectMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema MONGODB_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:crd/mongodbcommunity.mongodb.com_v1.schema.json"));

    private SchemaCheck() {}

    static String typeOf(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + object.get("kind");
    }

    /** The object as its model, or a failure naming every problem. */
    static Object bind(Map<String, Object> object) {
        String type = typeOf(object);
        String where = type + " " + Kustomize.name(object);
        List<String> problems = new ArrayList<>();
        Object bound;
        if (MONGODB_COMMUNITY.equals(type)) {
            MONGODB_SCHEMA.validate(JSON.valueToTree(object)).stream()
                    .map(Error::toString)
                    .forEach(problems::add);
            // The operator merges statefulSet.spec into its StatefulSet: it has to be one.
            Object statefulSetSpec = Repo.at(object, "spec", "statefulSet", "spec");
            if (statefulSetSpec != null) {
                unknownFields(
                        MODEL_MAPPER.convertValue(statefulSetSpec, StatefulSetSpec.class),
                        statefulSetSpec,
                        "spec.statefulSet.spec",
                        problems);
            }
            bound = object;
        } else {
            Class<?> model = MODELS.get(type);
            if (model == null) {
                throw new AssertionError(
                        where + ": no schema for this kind; known: " + MODELS.keySet() + " and " + MONGODB_COMMUNITY);
            }
            try {
                bound = MODEL_MAPPER.convertValue(object, model);
            } catch (IllegalArgumentException e) {
                throw new AssertionError(where + " does not bind to " + model.getName() + ": " + e.getMessage(), e);
            }
            unknownFields(bound, object, "", problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(where + " does not match its schema:\n  " + String.join("\n  ", problems));
        }
        return bound;
    }

    /**
     * Every field of a bound model object that its class did not know, by path; and every field of a Strimzi resource
     * that the model knows from an older API version only (a field {@code @PresentInVersions} leaves out of
     * {@value #STRIMZI_VERSION}), found in {@code raw}, the object as written.
     */
    private static void unknownFields(Object node, Object raw, String path, List<String> problems) {
        if (node == null
                || node instanceof String
                || node instanceof Number
                || node instanceof Boolean
                || node instanceof Enum) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) ->
                    unknownFields(value, Repo.at(raw, String.valueOf(key)), path + "." + key, problems));
            return;
        }
        if (node instanceof List<?> list) {
            List<?> rawList = raw instanceof List<?> r ? r : List.of();
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), i < rawList.size() ? rawList.get(i) : null, path + "[" + i + "]", problems);
            }
            return;
        }
        if (node instanceof Collection<?> collection) {
            collection.forEach(element -> unknownFields(element, null, path + "[]", problems));
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value = invoke(getter, node);
            String property = property(getter);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add((path.isEmpty() ? "" : path + ": ") + "unknown field(s) " + unknown.keySet());
                }
                continue;
            }
            Object rawValue = Repo.at(raw, property);
            PresentInVersions versions = getter.getAnnotation(PresentInVersions.class);
            if (rawValue != null && versions != null && !includes(versions.value(), STRIMZI_VERSION)) {
                problems.add(path + "." + property + ": not in API version " + STRIMZI_VERSION + " (only "
                        + versions.value() + ")");
            }
            if (value != node) {
                unknownFields(value, rawValue, path + "." + property, problems);
            }
        }
    }

    /** Whether a Strimzi version range ("v1beta2", "v1+", "v1alpha1-v1beta2", comma-separated) includes a version. */
    static boolean includes(String range, String version) {
        int wanted = STRIMZI_VERSIONS.indexOf(version);
        for (String term : range.split(",")) {
            String t = term.strip();
            if (t.endsWith("+") && STRIMZI_VERSIONS.indexOf(t.substring(0, t.length() - 1)) <= wanted) {
                return true;
            }
            if (t.contains("-")) {
                String[] bounds = t.split("-");
                if (STRIMZI_VERSIONS.indexOf(bounds[0]) <= wanted && wanted <= STRIMZI_VERSIONS.indexOf(bounds[1])) {
                    return true;
                }
            }
            if (t.equals(version)) {
                return true;
            }
        }
        return false;
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // Computed getters of the models (CRD names and the like) are not fields.
            return null;
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

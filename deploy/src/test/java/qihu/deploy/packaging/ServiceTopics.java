package qihu.deploy.packaging;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import qihu.deploy.Service;

/**
 * The topics as the code knows them: the names in common-events' {@code Topics}, and each service's bindings in its
 * {@code application.yml}, from which the dead-letter topics follow ({@code error.<topic>.<group>}, the binder's
 * naming). What compose and Kubernetes create is checked against this, so a new binding cannot be forgotten there.
 */
final class ServiceTopics {

    private static final Pattern TOPIC_CONSTANT = Pattern.compile("String \\w+ = \"(qihu\\.[a-z.-]+)\"");

    private ServiceTopics() {}

    /** The event topics named in common-events' Topics. */
    static Set<String> eventTopics() {
        Matcher constants =
                TOPIC_CONSTANT.matcher(Repo.read(Repo.path("common-events/src/main/java/qihu/events/Topics.java")));
        Set<String> topics = new TreeSet<>();
        while (constants.find()) {
            topics.add(constants.group(1));
        }
        if (topics.isEmpty()) {
            throw new AssertionError("no topic constants found in Topics.java");
        }
        return topics;
    }

    /** Every topic a service binds to, in or out. */
    static Set<String> boundTopics() {
        Set<String> topics = new TreeSet<>();
        for (Service service : Service.DEPLOYED) {
            bindings(service).values().forEach(binding -> topics.addAll(destinations(binding)));
        }
        return topics;
    }

    /** {@code error.<topic>.<group>} for every consumer binding of every service. */
    static Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (Service service : Service.DEPLOYED) {
            for (Object binding : bindings(service).values()) {
                String group = Repo.string(binding, "group");
                if (group != null) {
                    destinations(binding).forEach(topic -> topics.add("error." + topic + "." + group));
                }
            }
        }
        return topics;
    }

    /** The consumer group of each service, by the topic it consumes. */
    static Map<String, String> groupsOf(Service service) {
        return bindings(service).values().stream()
                .filter(binding -> Repo.string(binding, "group") != null)
                .flatMap(binding ->
                        destinations(binding).stream().map(topic -> Map.entry(topic, Repo.string(binding, "group"))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, Object> bindings(Service service) {
        Map<String, Object> config = Repo.yaml(Repo.path(service.moduleName() + "/src/main/resources/application.yml"));
        Map<String, Object> bindings = Repo.map(config, "spring", "cloud", "stream", "bindings");
        return bindings == null ? Map.of() : bindings;
    }

    private static Set<String> destinations(Object binding) {
        String destination = Repo.string(binding, "destination");
        return destination == null
                ? Set.of()
                : Arrays.stream(destination.split(",")).map(String::strip).collect(Collectors.toSet());
    }
}

package qihu.deploy.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the part of Kustomize that deploy/k8s uses:
 * {@code resources} (files and directories), {@code namespace}, {@code labels} (metadata labels only),
 * {@code patches} (strategic merge patches, matched by kind and name or by a {@code target} kind), and
 * {@code images}. Anything else in a kustomization fails, so the manifests cannot drift into features this
 * rendering would silently ignore. Every resource and patch file must exist, and every patch must hit at least one
 * object: a patch for an object renamed in the base fails here instead of being dropped. When {@code kubectl} is on
 * the PATH the test compares this rendering with its output.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "resources", "labels", "patches", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");
    /** Built-in kinds whose lists merge by key in a strategic merge patch; every other list is replaced. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("v1", "apps/v1", "autoscaling/v2", "policy/v1");

    private Kustomize() {}

    /** The objects the kustomization in {@code dir} renders, in the order of its resources. */
    static List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no kustomization.yaml in " + dir);
        }
        Map<String, Object> kustomization = Repo.yaml(file);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new AssertionError(
                        file + ": field '" + field + "' is not one this check renders " + SUPPORTED_FIELDS);
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object entry : Repo.list(kustomization, "resources")) {
            Path resource = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(build(resource));
            } else if (Files.isRegularFile(resource)) {
                objects.addAll(Repo.yamlDocuments(resource));
            } else {
                throw new AssertionError(file + ": resource " + entry + " does not exist");
            }
        }
        for (Object label : Repo.list(kustomization, "labels")) {
            addLabels(file, label, objects);
        }
        for (Object patch : Repo.list(kustomization, "patches")) {
            applyPatch(dir, file, patch, objects);
        }
        for (Object image : Repo.list(kustomization, "images")) {
            setImage(file, image, objects);
        }
        String namespace = Repo.string(kustomization, "namespace");
        if (namespace != null) {
            objects.stream()
                    .filter(object -> !CLUSTER_SCOPED.contains(kind(object)))
                    .forEach(object -> metadata(object).put("namespace", namespace));
        }
        return objects;
    }

    static String kind(Map<String, Object> object) {
        return Repo.string(object, "kind");
    }

    static String name(Map<String, Object> object) {
        return Repo.string(object, "metadata", "name");
    }

    private static void addLabels(Path file, Object label, List<Map<String, Object>> objects) {
        if (Boolean.TRUE.equals(Repo.at(label, "includeSelectors"))
                || Boolean.TRUE.equals(Repo.at(label, "includeTemplates"))) {
            throw new AssertionError(file + ": labels into selectors or templates are not rendered here");
        }
        Map<String, Object> pairs = Repo.map(label, "pairs");
        for (Map<String, Object> object : objects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> labels =
                    (Map<String, Object>) metadata(object).computeIfAbsent("labels", k -> new LinkedHashMap<>());
            labels.putAll(pairs);
        }
    }

    private static void applyPatch(Path dir, Path file, Object entry, List<Map<String, Object>> objects) {
        Path patchFile = dir.resolve(Objects.requireNonNull(Repo.string(entry, "path"), file + ": patch without path"));
        if (!Files.isRegularFile(patchFile)) {
            throw new AssertionError(file + ": patch " + patchFile + " does not exist");
        }
        Map<String, Object> target = Repo.map(entry, "target");
        for (Map<String, Object> patch : Repo.yamlDocuments(patchFile)) {
            int hits = 0;
            for (Map<String, Object> object : objects) {
                boolean matches = target == null
                        ? kind(object).equals(kind(patch))
                                && name(object).equals(name(patch))
                                && Objects.equals(object.get("apiVersion"), patch.get("apiVersion"))
                        : kind(object).equals(Repo.string(target, "kind"))
                                && (Repo.string(target, "name") == null
                                        || name(object).equals(Repo.string(target, "name")));
                if (matches) {
                    // A copy each time: one patch may apply to many objects, which must not share its parts.
                    Map<String, Object> body = deepCopy(patch);
                    if (target != null) {
                        // A patch for many objects names none of them.
                        body.remove("metadata");
                    }
                    merge(object, body, BUILT_IN_GROUPS.contains(Repo.string(object, "apiVersion")));
                    hits++;
                }
            }
            if (hits == 0) {
                throw new AssertionError(patchFile + ": patch for " + kind(patch) + " " + name(patch)
                        + (target == null ? "" : " (target " + target + ")") + " matches no object");
            }
        }
    }

    /**
     * A strategic merge patch: mappings merge, a null deletes; lists of built-in kinds merge by their merge key (a
     * container by name, a volume mount by path, ...), every other list is replaced, as Kustomize does for custom
     * resources whose schema it does not have.
     */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> change : patch.entrySet()) {
            String key = change.getKey();
            Object value = change.getValue();
            Object current = into.get(key);
            if (key.startsWith("$")) {
                throw new AssertionError("patch directive " + key + " is not rendered here");
            } else if (value == null) {
                into.remove(key);
            } else if (value instanceof Map && current instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) value, builtIn);
            } else if (value instanceof List && current instanceof List && builtIn && mergeKey(key) != null) {
                mergeList((List<Object>) current, (List<Object>) value, mergeKey(key), builtIn);
            } else {
                into.put(key, value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> into, List<Object> patch, String mergeKey, boolean builtIn) {
        for (Object element : patch) {
            Map<String, Object> patchElement = (Map<String, Object>) element;
            Object key = patchElement.get(mergeKey);
            Map<String, Object> existing = into.stream()
                    .map(e -> (Map<String, Object>) e)
                    .filter(e -> Objects.equals(e.get(mergeKey), key))
                    .findFirst()
                    .orElse(null);
            if (existing == null) {
                into.add(patchElement);
            } else {
                merge(existing, patchElement, builtIn);
            }
        }
    }

    /** Merge keys of the built-in lists deploy/k8s patches (Kubernetes' patchMergeKey). */
    private static String mergeKey(String field) {
        return switch (field) {
            case "containers", "initContainers", "env", "volumes", "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static void setImage(Path file, Object image, List<Map<String, Object>> objects) {
        String name = Repo.string(image, "name");
        int hits = 0;
        for (Map<String, Object> object : objects) {
            for (Object container : Repo.list(object, "spec", "template", "spec", "containers")) {
                Map<String, Object> c = (Map<String, Object>) container;
                String current = String.valueOf(c.get("image"));
                int tagAt = current.lastIndexOf(':');
                String currentName = tagAt > current.lastIndexOf('/') ? current.substring(0, tagAt) : current;
                String currentTag = tagAt > current.lastIndexOf('/') ? current.substring(tagAt + 1) : null;
                if (currentName.equals(name)) {
                    String newName = Objects.requireNonNullElse(Repo.string(image, "newName"), currentName);
                    String newTag = Objects.requireNonNullElse(Repo.string(image, "newTag"), currentTag);
                    c.put("image", newTag == null ? newName : newName + ":" + newTag);
                    hits++;
                }
            }
        }
        if (hits == 0) {
            throw new AssertionError(file + ": image " + name + " is used by no container");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, deepCopy(value)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(deepCopy(element)));
            return (T) copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }
}

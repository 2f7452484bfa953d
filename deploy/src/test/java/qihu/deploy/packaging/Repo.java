package qihu.deploy.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import qihu.deploy.StackConfig;

/** The checkout the tests read: the repository root, and its YAML files as plain maps and lists. */
final class Repo {

    static final Path ROOT = StackConfig.findRepoRoot(Path.of(""));

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (merge keys and anchors resolved), empty documents left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(read(file))) {
            if (document != null) {
                if (!(document instanceof Map)) {
                    throw new AssertionError(file + ": a document that is not a mapping: " + document);
                }
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static Map<String, Object> yaml(Path file) {
        List<Map<String, Object>> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    // Navigation in loaded YAML: absent steps give null, the wrong type fails with the path.

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... steps) {
        Object found = at(node, steps);
        if (found == null) {
            return null;
        }
        if (!(found instanceof Map)) {
            throw new AssertionError(String.join(".", steps) + " is not a mapping: " + found);
        }
        return (Map<String, Object>) found;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... steps) {
        Object found = at(node, steps);
        if (found == null) {
            return List.of();
        }
        if (!(found instanceof List)) {
            throw new AssertionError(String.join(".", steps) + " is not a list: " + found);
        }
        return (List<Object>) found;
    }

    static String string(Object node, String... steps) {
        Object found = at(node, steps);
        return found == null ? null : String.valueOf(found);
    }

    static Object at(Object node, String... steps) {
        Object current = node;
        for (String step : steps) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }
}

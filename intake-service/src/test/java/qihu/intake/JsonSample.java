package qihu.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON document a test builds and then breaks on purpose, addressed by paths such as {@code matter.areaCode} or
 * {@code problems[1].title}. Every change returns a changed copy, so a sample can be shared by a table of cases.
 */
public final class JsonSample {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final Map<String, Object> root;

    private JsonSample(Map<String, Object> root) {
        this.root = root;
    }

    /** An object from alternating keys and values; values may be further {@link #object}s and {@link #array}s. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    public static List<Object> array(Object... values) {
        return new ArrayList<>(List.of(values));
    }

    public static JsonSample of(Map<String, Object> root) {
        return new JsonSample(root);
    }

    /** A copy of the value at {@code path}: changing it changes nothing here. */
    public Object get(String path) {
        Object node = root;
        for (Object step : steps(path)) {
            node = step instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
        }
        return deepCopy(node);
    }

    /** A copy with the value at {@code path} replaced (null writes a JSON null). */
    public JsonSample with(String path, Object value) {
        JsonSample copy = copy();
        copy.put(path, value, false);
        return copy;
    }

    /** A copy without the field at {@code path}. */
    public JsonSample without(String path) {
        JsonSample copy = copy();
        copy.put(path, null, true);
        return copy;
    }

    public byte[] bytes() {
        return JSON.writeValueAsBytes(root);
    }

    public Map<String, Object> asMap() {
        return copy().root;
    }

    @Override
    public String toString() {
        return JSON.writeValueAsString(root);
    }

    @SuppressWarnings("unchecked")
    private void put(String path, Object value, boolean remove) {
        List<Object> steps = steps(path);
        Object node = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            node = step instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            List<Object> list = (List<Object>) node;
            if (remove) {
                list.remove((int) i);
            } else {
                list.set(i, value);
            }
        } else if (remove) {
            ((Map<String, Object>) node).remove(last);
        } else {
            ((Map<String, Object>) node).put((String) last, value);
        }
    }

    @SuppressWarnings("unchecked")
    private JsonSample copy() {
        return new JsonSample((Map<String, Object>) deepCopy(root));
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node;
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        return steps;
    }
}

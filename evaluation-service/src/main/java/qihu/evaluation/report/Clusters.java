package qihu.evaluation.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Clusters of related problems: the connected components of triage's links (case → related cases), found with a
 * union-find so that a million cases take one pass. A link names either end; components are undirected. Plain Java.
 */
public final class Clusters {

    private Clusters() {}

    /**
     * The components of {@code items}, each as the list of its items in the order given; items linked to nothing
     * form a component of one.
     *
     * @param links the ids an item is linked to; ids not among the items still join what they link
     */
    public static <T> List<List<T>> of(
            Collection<T> items, Function<T, String> id, Function<T, ? extends Collection<String>> links) {
        Map<String, String> parent = new HashMap<>();
        for (T item : items) {
            String self = id.apply(item);
            parent.putIfAbsent(self, self);
            for (String other : links.apply(item)) {
                parent.putIfAbsent(other, other);
                union(parent, self, other);
            }
        }
        Map<String, List<T>> components = new HashMap<>();
        List<List<T>> ordered = new ArrayList<>();
        for (T item : items) {
            List<T> component = components.computeIfAbsent(find(parent, id.apply(item)), root -> {
                List<T> fresh = new ArrayList<>();
                ordered.add(fresh);
                return fresh;
            });
            component.add(item);
        }
        return ordered;
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        // Path compression keeps later finds short.
        while (!parent.get(x).equals(root)) {
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // The smaller id becomes the root: the same links give the same roots whatever the order.
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}

package qihu.intake.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qihu.support.web.FieldViolation;

/**
 * How a channel names the fields of the canonical request, so that a violation found on the canonical request
 * ({@code contact.phone}) is reported in the channel's own terms ({@code caller_phone}, or
 * {@code problems[2].phone} for the third item of a batch).
 *
 * <p>Names are patterns: {@code attachments[].uri → files[].fileUrl} carries the index across. A canonical field
 * without a name of its own is reported under the name of its closest named parent ({@code enterprise.uscc} falls
 * back to {@code enterprise}); with none at all, under its canonical name.
 */
public final class FieldNames {

    /** The canonical request's own names: what {@code POST /api/v1/requests} reports. */
    public static final FieldNames CANONICAL = new FieldNames("", Map.of(), Map.of(), Set.of());

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final String INDEX_SLOT = "[]";

    private final String itemPath;
    private final Map<String, String> withinItem;
    private final Map<String, String> fromRoot;
    private final Set<String> unmapped;

    private FieldNames(
            String itemPath, Map<String, String> withinItem, Map<String, String> fromRoot, Set<String> unmapped) {
        this.itemPath = itemPath;
        this.withinItem = Map.copyOf(withinItem);
        this.fromRoot = Map.copyOf(fromRoot);
        this.unmapped = Set.copyOf(unmapped);
    }

    /** Adds a name, relative to the item when the names are used {@link #under} an item of a batch. */
    public FieldNames with(String canonical, String channelName) {
        Map<String, String> names = new HashMap<>(withinItem);
        names.put(canonical, channelName);
        return new FieldNames(itemPath, names, fromRoot, unmapped);
    }

    /** Adds a name that stays at the payload's root even inside an item (a meeting's time for all its problems). */
    public FieldNames withRoot(String canonical, String channelName) {
        Map<String, String> names = new HashMap<>(fromRoot);
        names.put(canonical, channelName);
        return new FieldNames(itemPath, withinItem, names, unmapped);
    }

    /**
     * The same names, for a request whose listed canonical fields the adapter could not fill because of something
     * it already reported (an id made of a date that did not parse): the canonical rules' "is required" for them
     * would only repeat that, under a misleading name.
     */
    public FieldNames unmapped(Set<String> canonicalFields) {
        return new FieldNames(itemPath, withinItem, fromRoot, canonicalFields);
    }

    /** The same names for the item at {@code path} of a batch, e.g. {@code problems[2]}. */
    public FieldNames under(String path) {
        return new FieldNames(path, withinItem, fromRoot, unmapped);
    }

    /** The channel's name for a canonical field path such as {@code attachments[1].uri}. */
    public String channelName(String canonicalPath) {
        List<String> indexes = new ArrayList<>();
        Matcher index = INDEX.matcher(canonicalPath);
        while (index.find()) {
            indexes.add(index.group(1));
        }
        String pattern = index.replaceAll(INDEX_SLOT);
        for (String candidate = pattern; !candidate.isEmpty(); candidate = parent(candidate)) {
            if (fromRoot.containsKey(candidate)) {
                return fill(fromRoot.get(candidate), indexes);
            }
            if (withinItem.containsKey(candidate)) {
                return inItem(fill(withinItem.get(candidate), indexes));
            }
        }
        return inItem(canonicalPath);
    }

    /**
     * Everything wrong with an item: what the adapter found in the channel's payload, then what the canonical rules
     * found, renamed; a field the adapter already complained about is not reported twice.
     */
    public List<FieldViolation> report(List<FieldViolation> foundByAdapter, List<FieldViolation> canonical) {
        Map<String, FieldViolation> byField = new LinkedHashMap<>();
        foundByAdapter.forEach(v -> byField.putIfAbsent(v.field(), v));
        canonical.stream()
                .filter(v -> !unmapped.contains(v.field()))
                .forEach(v -> byField.putIfAbsent(
                        channelName(v.field()), new FieldViolation(channelName(v.field()), v.message())));
        return List.copyOf(byField.values());
    }

    private String inItem(String name) {
        return itemPath.isEmpty() ? name : itemPath + "." + name;
    }

    /** {@code attachments[].uri} → {@code attachments[]} → {@code attachments}; {@code enterprise.uscc} → {@code enterprise}. */
    private static String parent(String pattern) {
        if (pattern.endsWith(INDEX_SLOT)) {
            return pattern.substring(0, pattern.length() - INDEX_SLOT.length());
        }
        int dot = pattern.lastIndexOf('.');
        return dot < 0 ? "" : pattern.substring(0, dot);
    }

    private static String fill(String pattern, List<String> indexes) {
        StringBuilder name = new StringBuilder();
        int from = 0;
        int used = 0;
        for (int slot = pattern.indexOf(INDEX_SLOT); slot >= 0; slot = pattern.indexOf(INDEX_SLOT, from)) {
            name.append(pattern, from, slot);
            // A native name with more list levels than the canonical one keeps the unfilled slots out.
            if (used < indexes.size()) {
                name.append('[').append(indexes.get(used++)).append(']');
            }
            from = slot + INDEX_SLOT.length();
        }
        return name.append(pattern.substring(from)).toString();
    }
}

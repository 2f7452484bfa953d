package qihu.intake.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import qihu.events.Contact;
import qihu.events.Enterprise;

/**
 * Small shared steps of the adapters (here and in {@code qihu.intake.open311}): channels send blanks for "none" and
 * lists that may be absent.
 */
public final class Native {

    private Native() {}

    /** The text without surrounding blanks; null when there is none. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static <T> List<T> list(List<T> values) {
        return values == null
                ? List.of()
                : values.stream().filter(Objects::nonNull).toList();
    }

    /** The enterprise as the channel identified it; null when it sent neither code nor name. */
    public static Enterprise enterprise(String uscc, String name) {
        return text(uscc) == null && text(name) == null ? null : new Enterprise(text(uscc), text(name));
    }

    public static Contact contact(String name, String phone) {
        return text(name) == null && text(phone) == null ? null : new Contact(text(name), text(phone));
    }

    /** Channel details in the order given, skipping empty ones: {@code details("operatorId", id, "category", c)}. */
    public static Map<String, String> details(String... keysAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            String value = text(keysAndValues[i + 1]);
            if (value != null) {
                details.put(keysAndValues[i], value);
            }
        }
        return details;
    }
}

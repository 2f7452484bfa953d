package qihu.dispatch.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A region or department as edited through the admin API, stored over the seed file: the value in force and every
 * change to it (who, when, before and after). One document per entry, so a change and its audit are one write.
 *
 * @param id {@code region:<code>} or {@code department:<id>}
 * @param version counts the changes; each change is conditional on the version it read
 */
@Document(DirectoryEntry.COLLECTION)
public record DirectoryEntry(
        @Id String id,
        String kind,
        String key,
        Region region,
        Department department,
        long version,
        List<Change> changes) {

    public static final String COLLECTION = "directory_entries";
    public static final String REGION = "region";
    public static final String DEPARTMENT = "department";

    public DirectoryEntry {
        changes = changes == null ? List.of() : changes;
    }

    public static String idOf(String kind, String key) {
        return kind + ":" + key;
    }

    /** @param before null when the entry was new */
    public record Change(Instant at, String by, Map<String, Object> before, Map<String, Object> after) {}
}

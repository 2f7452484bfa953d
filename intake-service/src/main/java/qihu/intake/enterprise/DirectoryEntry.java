package qihu.intake.enterprise;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An enterprise in intake's directory (企业库), keyed by its 统一社会信用代码.
 *
 * @param normalisedName the name as {@link EnterpriseNames#normalise} makes it, for lookups by name
 * @param regionCode where it is registered (GB/T 2260): the region of a request that names none
 */
@Document(DirectoryEntry.COLLECTION)
public record DirectoryEntry(
        @Id String uscc, String name, @Indexed String normalisedName, String regionCode, String industry) {

    public static final String COLLECTION = "enterprises";
}

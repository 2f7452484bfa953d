package qihu.dispatch.calendar;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A holiday year loaded at run time, kept so that every instance and every restart uses it. */
@Document(StoredYear.COLLECTION)
public record StoredYear(@Id int year, String json, Instant loadedAt, String loadedBy) {

    public static final String COLLECTION = "calendar_years";
}

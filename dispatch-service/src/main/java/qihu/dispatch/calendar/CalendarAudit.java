package qihu.dispatch.calendar;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Who loaded which holiday year when, and how many open deadlines moved because of it. */
@Document(CalendarAudit.COLLECTION)
public record CalendarAudit(@Id String id, int year, Instant at, String by, int listedDays, long recomputedTasks) {

    public static final String COLLECTION = "calendar_audit";
}

package qihu.intake.progress;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What a channel may know about a case, kept up to date from the lifecycle events. */
@Document(CaseProgress.COLLECTION)
public record CaseProgress(
        @Id String caseId,
        String caseNumber,
        CaseStatus status,
        String departmentName,
        Instant dueAt,
        String reply,
        Instant updatedAt) {

    public static final String COLLECTION = "case_progress";
}

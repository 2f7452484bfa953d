package qihu.intake.progress;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a channel may know about a case, kept up to date from the lifecycle events.
 *
 * @param closeReason how a closed case was closed, else null
 * @param rating the enterprise's rating of a closed case, else null
 * @param ratingLink evaluation's signed rating link while the answer awaits a rating, else null
 * @param lastEventId the event behind the latest change: answers to channels are keyed by it
 * @param requestIds the requests the case holds (its own and those merged into it), as far as intake has seen
 */
@Document(CaseProgress.COLLECTION)
public record CaseProgress(
        @Id String caseId,
        String caseNumber,
        CaseStatus status,
        String departmentName,
        Instant dueAt,
        String reply,
        String closeReason,
        String rating,
        String ratingLink,
        String lastEventId,
        List<String> requestIds,
        Instant updatedAt) {

    public static final String COLLECTION = "case_progress";
}

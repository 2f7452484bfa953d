package qihu.events;

import java.time.Instant;
import java.util.List;

/**
 * Triage opened a new case (办件) for a request that is not a duplicate of an open case.
 *
 * @param relatedCaseIds similar cases of other enterprises (or another problem of the same one) triage linked this
 *     one to, not merged: they make the clusters of common-issue reports (举一反三); empty when none or when an older
 *     producer left the field out
 * @param recurrenceOf the closed case of the same enterprise whose problem this case repeats; null when none
 */
public record CaseOpened(
        String caseId,
        String caseNumber,
        String requestId,
        String channel,
        Enterprise enterprise,
        String regionCode,
        String title,
        String content,
        Classification classification,
        Instant receivedAt,
        List<String> relatedCaseIds,
        String recurrenceOf)
        implements CaseEvent {

    public CaseOpened {
        relatedCaseIds = relatedCaseIds == null ? List.of() : List.copyOf(relatedCaseIds);
    }

    /** A case without links to others. */
    public CaseOpened(
            String caseId,
            String caseNumber,
            String requestId,
            String channel,
            Enterprise enterprise,
            String regionCode,
            String title,
            String content,
            Classification classification,
            Instant receivedAt) {
        this(
                caseId,
                caseNumber,
                requestId,
                channel,
                enterprise,
                regionCode,
                title,
                content,
                classification,
                receivedAt,
                List.of(),
                null);
    }

    /** This case linked to related cases and, if it repeats a closed one, to that. */
    public CaseOpened withLinks(List<String> related, String recurrence) {
        return new CaseOpened(
                caseId,
                caseNumber,
                requestId,
                channel,
                enterprise,
                regionCode,
                title,
                content,
                classification,
                receivedAt,
                related,
                recurrence);
    }
}

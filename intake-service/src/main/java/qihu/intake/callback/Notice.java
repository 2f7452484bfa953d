package qihu.intake.callback;

import java.time.Instant;
import qihu.intake.progress.CaseStatus;

/**
 * What intake tells a channel about one of its requests: the case's state after a change, in canonical terms. A
 * channel's {@link AnswerShape} turns it into that channel's own JSON.
 *
 * @param noticeId stable across re-sends, so that a channel can ignore one it already has
 * @param closeReason how a closed case was closed ({@code RATED}, {@code DEFAULT_SATISFIED}, ...), else null
 * @param rating the enterprise's rating of a closed case, else null
 * @param ratingLink the signed link where the enterprise rates the answer (评价链接) while a rating is awaited, else
 *     null
 */
public record Notice(
        String noticeId,
        String channelRequestId,
        String caseNumber,
        CaseStatus status,
        String departmentName,
        Instant dueAt,
        String reply,
        String closeReason,
        String rating,
        String ratingLink,
        Instant updatedAt) {

    /** The status as the enterprise reads it. */
    public String statusText() {
        return switch (status) {
            case RECEIVED -> "已受理";
            case CASE_OPENED -> "已立案";
            case ASSIGNED -> "已交办";
            case IN_PROGRESS -> "办理中";
            case REROUTING -> "重新交办中";
            case RESOLVED -> "已答复，待评价";
            case REOPENED -> "重办中";
            case CLOSED -> "已办结";
        };
    }
}

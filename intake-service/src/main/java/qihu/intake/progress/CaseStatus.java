package qihu.intake.progress;

/** The status a channel shows the enterprise. */
public enum CaseStatus {
    /** Stored, not yet triaged. */
    RECEIVED,
    /** A case exists (new, or the request was merged into one). */
    CASE_OPENED,
    /** A department has the task (交办). */
    ASSIGNED,
    /** A handler took it (签收). */
    IN_PROGRESS,
    /** The department returned it; it is being routed again. */
    REROUTING,
    /** Answered; waiting for the enterprise's rating. */
    RESOLVED,
    /** Handled again after an unsatisfied rating (重办). */
    REOPENED,
    CLOSED
}

package qihu.evaluation.feedback;

/** Where a case stands for evaluation. */
public enum CaseState {
    /** Being handled. */
    OPEN,
    /** A result was given; the enterprise's rating is awaited (待评价). */
    AWAITING_FEEDBACK,
    /** Rated unsatisfied and sent back for another round (重办). */
    REOPENED,
    CLOSED
}

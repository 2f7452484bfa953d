package qihu.events;

/** Every Kafka topic of the system, in one place. Keys: the case id, or before a case exists the enterprise. */
public final class Topics {
    /** intake → triage: one accepted request. Keyed by enterprise so that one enterprise's requests stay ordered. */
    public static final String REQUEST_RECEIVED = "qihu.request.received";
    /** triage → dispatch, intake, evaluation: a case was opened or a request was merged into one. */
    public static final String CASE_TRIAGED = "qihu.case.triaged";
    /** dispatch, evaluation → everyone: tasks, SLA colours, feedback, reopen, close. Keyed by case id. */
    public static final String CASE_LIFECYCLE = "qihu.case.lifecycle";
    /** evaluation → analysts' systems: a common-issue report was published. */
    public static final String REPORT_PUBLISHED = "qihu.report.published";

    private Topics() {}
}

package qihu.events;

/** What a notice to people tells: a task turned yellow (预警), turned red (超期), or was escalated (督办). */
public enum NoticeKind {
    WARNING,
    OVERDUE,
    ESCALATION
}

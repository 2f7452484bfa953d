package qihu.events;

/**
 * The handler stopped the task's clock while waiting for the enterprise to supply material (暂停计时); the deadline
 * moves when it is resumed ({@link TaskResumed}).
 */
public record TaskPaused(String caseId, String taskId, int round, String departmentId, String handler, String reason)
        implements CaseEvent {}

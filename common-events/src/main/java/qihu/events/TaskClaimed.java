package qihu.events;

/** A handler of the assigned department took the task (签收). */
public record TaskClaimed(String caseId, String taskId, int round, String departmentId, String handler)
        implements CaseEvent {}

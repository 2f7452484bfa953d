package qihu.events;

/** The department sent the task back as not theirs (退回), with a reason; it is routed again without them. */
public record TaskReturned(String caseId, String taskId, int round, String departmentId, String handler, String reason)
        implements CaseEvent {}

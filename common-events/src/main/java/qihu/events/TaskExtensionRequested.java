package qihu.events;

/** The handler asked for more working days (申请延期); a supervisor approves or refuses. */
public record TaskExtensionRequested(
        String caseId, String taskId, int round, String departmentId, String handler, int workingDays, String reason)
        implements CaseEvent {}

package qihu.events;

/** A supervisor refused the extension, with a reason; the deadline stands. */
public record TaskExtensionRefused(
        String caseId, String taskId, int round, String departmentId, String supervisor, int workingDays, String reason)
        implements CaseEvent {}

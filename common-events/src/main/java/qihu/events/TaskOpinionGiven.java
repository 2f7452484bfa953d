package qihu.events;

/** An assisting department (协办单位) gave its opinion to the lead department. */
public record TaskOpinionGiven(
        String caseId, String taskId, int round, String departmentId, String handler, String opinion)
        implements CaseEvent {}

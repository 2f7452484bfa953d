package qihu.events;

/**
 * An unsatisfied enterprise's case goes back for another round (重办).
 *
 * @param round the new round
 * @param escalate true once the reopen cap is reached: the next owner is one level up
 */
public record CaseReopened(String caseId, int round, String reason, boolean escalate) implements CaseEvent {}

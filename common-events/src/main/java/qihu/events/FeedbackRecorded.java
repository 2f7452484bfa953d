package qihu.events;

/** The enterprise rated the result of one round. */
public record FeedbackRecorded(String caseId, int round, Rating rating, String comment, String channel)
        implements CaseEvent {}

package qihu.events;

/** An event about one case; keyed by the case id so that a case's history stays in order. */
public sealed interface CaseEvent extends EventPayload
        permits CaseOpened,
                RequestMerged,
                TaskAssigned,
                TaskClaimed,
                TaskReturned,
                TaskResolved,
                TaskPaused,
                TaskResumed,
                TaskExtensionRequested,
                TaskExtensionApproved,
                TaskExtensionRefused,
                TaskClaimTimedOut,
                TaskAssistantsAdded,
                TaskOpinionGiven,
                SlaWarningRaised,
                SlaEscalated,
                FeedbackRequested,
                FeedbackRecorded,
                CaseReopened,
                CaseClosed,
                NoticeSent {

    String caseId();

    @Override
    default String partitionKey() {
        return caseId();
    }
}

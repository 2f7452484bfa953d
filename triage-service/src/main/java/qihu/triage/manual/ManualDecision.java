package qihu.triage.manual;

import qihu.events.Complexity;
import qihu.events.OwnerLevel;

/** A person's decision on a case waiting for manual triage, checked and ready to apply. */
public sealed interface ManualDecision {

    String reviewer();

    /** Why, for the record; may be null. */
    String note();

    /**
     * Open the case. A null label confirms the classifier's suggestion for it.
     *
     * @param board a service board code
     */
    record Open(String board, Complexity complexity, OwnerLevel level, String reviewer, String note)
            implements ManualDecision {}

    /** Merge the case's request into an open case of the same enterprise. */
    record Merge(String into, String reviewer, String note) implements ManualDecision {}
}

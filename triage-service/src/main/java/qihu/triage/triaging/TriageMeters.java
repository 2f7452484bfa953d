package qihu.triage.triaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import qihu.triage.dedup.DedupDecision.Outcome;

/**
 * What triage decided, as the closure-loop dashboard shows it: requests merged into an open case (exact or reworded
 * duplicates: one case number, one answer), cases opened by duplicate-check outcome, cases sent to the manual triage
 * queue and why, and the classifier's confidence in the board of each new case. Every series exists from the start.
 */
final class TriageMeters {

    static final String MERGED = "qihu.triage.requests.merged";
    static final String OPENED = "qihu.triage.cases.opened";
    static final String MANUAL = "qihu.triage.manual";
    static final String CONFIDENCE = "qihu.triage.classification.confidence";

    /** Why a case waits for a person; the tag values of {@value #MANUAL}. */
    enum ManualReason {
        POSSIBLE_DUPLICATE,
        CLASSIFIER_UNSURE,
        ENTERPRISE_UNIDENTIFIED
    }

    /** How a merged request matched its case; the tag values of {@value #MERGED}. */
    enum Match {
        EXACT,
        NEAR,
        /** Merged by a person deciding a case of the manual triage queue. */
        MANUAL
    }

    private final MeterRegistry registry;
    private final DistributionSummary confidence;

    TriageMeters(MeterRegistry registry) {
        this.registry = registry;
        this.confidence = DistributionSummary.builder(CONFIDENCE)
                .description("The classifier's confidence in the service board of each new case")
                // Buckets at every tenth: the share below the manual-triage threshold is read off directly.
                .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .register(registry);
        Arrays.stream(Match.values()).forEach(this::merged);
        Arrays.stream(Outcome.values()).forEach(this::opened);
        Arrays.stream(ManualReason.values()).forEach(this::manual);
    }

    Counter merged(Match match) {
        return counter(MERGED, "Requests merged into an open case of the same enterprise", "match", match);
    }

    Counter opened(Outcome dedup) {
        return counter(OPENED, "Cases opened, by the outcome of the duplicate check", "dedup", dedup);
    }

    Counter manual(ManualReason reason) {
        return counter(
                MANUAL, "Cases sent to the manual triage queue, by reason (a case may have both)", "reason", reason);
    }

    private Counter counter(String name, String description, String tag, Enum<?> value) {
        return Counter.builder(name)
                .description(description)
                .tag(tag, value.name())
                .register(registry);
    }

    void classified(double boardConfidence) {
        confidence.record(boardConfidence);
    }
}

package qihu.triage.manual;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.OwnerLevel;
import qihu.triage.triaging.CaseClassifier;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.Choice;
import qihu.triage.triaging.TriageCase.Decision;
import qihu.triage.triaging.TriageCase.SimilarCase;

/**
 * A person's decision on a case from the manual triage queue, kept as training data (人工分拨记录): the text, what the
 * classifier suggested and what the person decided, label by label, and the merge decision with its similarity. One per
 * case; derived from the decided case, so writing it again writes the same.
 *
 * @param text the case's title and content, as the classifier reads them
 * @param board the decided labels: those the case was opened with, or for a merge those of the case merged into
 * @param boardOverridden whether the decided board differs from the suggested one
 * @param comparedWith for a merge the case merged into; otherwise the closest similar case, which was not merged into
 * @param similarity of the request and {@code comparedWith}; null if there was nothing to compare with
 */
@Document(TriageDecision.COLLECTION)
public record TriageDecision(
        @Id String caseId,
        String caseNumber,
        String requestId,
        String text,
        List<String> reasons,
        Choice decision,
        String board,
        Complexity complexity,
        OwnerLevel level,
        String suggestedBoard,
        Complexity suggestedComplexity,
        OwnerLevel suggestedLevel,
        double suggestedConfidence,
        String modelId,
        boolean boardOverridden,
        boolean complexityOverridden,
        boolean levelOverridden,
        String mergedInto,
        String mergedIntoCaseNumber,
        String comparedWith,
        Double similarity,
        String reviewer,
        String note,
        @Indexed Instant decidedAt) {

    public static final String COLLECTION = "triage_decisions";

    /** The record of a decided case. */
    public static TriageDecision of(TriageCase kase) {
        TriageCase.ManualTriage manual = kase.manualTriage();
        Decision decision = manual.decision();
        Classification suggested = decision.suggested();
        Classification decided = decision.decided();
        boolean merged = decision.choice() == Choice.MERGE;
        SimilarCase closest =
                manual.similarCases() == null || manual.similarCases().isEmpty()
                        ? null
                        : manual.similarCases().get(0);
        return new TriageDecision(
                kase.caseId(),
                kase.caseNumber(),
                kase.master().requestId(),
                CaseClassifier.textOf(kase.title(), kase.content()),
                manual.reasons(),
                decision.choice(),
                decided.board(),
                decided.complexity(),
                decided.level(),
                suggested.board(),
                suggested.complexity(),
                suggested.level(),
                suggested.confidence(),
                kase.classifierEvidence() == null
                        ? null
                        : kase.classifierEvidence().modelId(),
                !decided.board().equals(suggested.board()),
                decided.complexity() != suggested.complexity(),
                decided.level() != suggested.level(),
                decision.mergedInto(),
                decision.mergedIntoCaseNumber(),
                merged ? decision.mergedInto() : closest == null ? null : closest.caseId(),
                merged ? decision.similarity() : closest == null ? null : closest.score(),
                decision.reviewer(),
                decision.note(),
                decision.decidedAt());
    }
}

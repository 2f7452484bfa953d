package qihu.triage.dedup;

import java.time.Duration;

/**
 * The thresholds of duplicate detection. Scores are {@link TextComparison.Comparison} figures, 0..1.
 *
 * @param duplicateScore a conflict-free pair of the same enterprise at or above this (content and sequence both) is
 *     the same problem: merged while the case is open and within {@code duplicateWindow}
 * @param uncertainScore a pair of the same enterprise with this much content in common that is not clearly the same
 *     problem goes to a person instead of being merged or ignored
 * @param relatedScore content in common above which two cases are related (a link, never a merge)
 * @param duplicateWindow how long after a case was received the same problem still merges into it
 * @param candidateSimilarity the MinHash estimate another enterprise's case needs to be compared at all
 * @param maxRelatedCandidates other enterprises' cases judged per request, the most similar by MinHash estimate (they can at most be
 *     related, and a decision keeps the three closest cases as evidence)
 */
public record DedupPolicy(
        double duplicateScore,
        double uncertainScore,
        double relatedScore,
        Duration duplicateWindow,
        double candidateSimilarity,
        int maxRelatedCandidates) {

    public static final double DEFAULT_DUPLICATE_SCORE = 0.75;
    public static final double DEFAULT_UNCERTAIN_SCORE = 0.60;
    public static final double DEFAULT_RELATED_SCORE = 0.50;
    public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofDays(90);
    public static final double DEFAULT_CANDIDATE_SIMILARITY = 0.25;
    public static final int DEFAULT_MAX_RELATED_CANDIDATES = 5;

    public static final DedupPolicy DEFAULT = new DedupPolicy(
            DEFAULT_DUPLICATE_SCORE,
            DEFAULT_UNCERTAIN_SCORE,
            DEFAULT_RELATED_SCORE,
            DEFAULT_DUPLICATE_WINDOW,
            DEFAULT_CANDIDATE_SIMILARITY,
            DEFAULT_MAX_RELATED_CANDIDATES);

    public DedupPolicy {
        requireScore("duplicateScore", duplicateScore);
        requireScore("uncertainScore", uncertainScore);
        requireScore("relatedScore", relatedScore);
        requireScore("candidateSimilarity", candidateSimilarity);
        if (uncertainScore > duplicateScore) {
            throw new IllegalArgumentException("uncertainScore must not exceed duplicateScore");
        }
        if (duplicateWindow == null || duplicateWindow.isNegative() || duplicateWindow.isZero()) {
            throw new IllegalArgumentException("duplicateWindow must be positive");
        }
        if (maxRelatedCandidates < 0) {
            throw new IllegalArgumentException("maxRelatedCandidates must not be negative");
        }
    }

    private static void requireScore(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, got " + value);
        }
    }
}

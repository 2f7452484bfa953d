package qihu.triage.dedup;

import java.util.List;
import java.util.Set;
import qihu.triage.text.AnalyzedText;

/**
 * An analysed text with what every comparison of it needs worked out once (比对预处理): its content terms' total
 * weight, its words clause by clause, the numbers it states, and (when it is the side compared against) its clauses'
 * character positions and its words' positions for the bit-parallel subsequences. A request is compared with many
 * cases and a case with many requests; preparing each text once keeps a comparison to the comparing itself.
 * Immutable; the lazily made parts are made at most once per thread that races for them, all equal.
 */
public final class PreparedText {

    private final AnalyzedText analysis;
    private final double termWeight;
    private final List<List<String>> wordsByClause;
    private final Set<Long> numbers;
    private final List<String> clippedClauses;
    private volatile SequenceSimilarity.ClausePatterns clausePatterns;
    private volatile SequenceSimilarity.Pattern wholePattern;
    private volatile ClauseAgreement.WordPositions wordPositions;

    private PreparedText(AnalyzedText analysis) {
        this.analysis = analysis;
        this.termWeight = TextComparison.weightOf(TextComparison.truncate(analysis.terms()));
        this.wordsByClause = analysis.wordsByClause();
        this.numbers = ClauseAgreement.numbers(analysis.words());
        this.clippedClauses = SequenceSimilarity.clipped(analysis.clauses());
    }

    public static PreparedText of(AnalyzedText analysis) {
        return new PreparedText(analysis);
    }

    public AnalyzedText analysis() {
        return analysis;
    }

    double termWeight() {
        return termWeight;
    }

    List<List<String>> wordsByClause() {
        return wordsByClause;
    }

    Set<Long> numbers() {
        return numbers;
    }

    List<String> clippedClauses() {
        return clippedClauses;
    }

    SequenceSimilarity.ClausePatterns clausePatterns() {
        SequenceSimilarity.ClausePatterns patterns = clausePatterns;
        if (patterns == null) {
            patterns = new SequenceSimilarity.ClausePatterns(clippedClauses);
            clausePatterns = patterns;
        }
        return patterns;
    }

    SequenceSimilarity.Pattern wholePattern() {
        SequenceSimilarity.Pattern pattern = wholePattern;
        if (pattern == null) {
            pattern = new SequenceSimilarity.Pattern(String.join("", clippedClauses));
            wholePattern = pattern;
        }
        return pattern;
    }

    ClauseAgreement.WordPositions wordPositions() {
        ClauseAgreement.WordPositions positions = wordPositions;
        if (positions == null) {
            positions = new ClauseAgreement.WordPositions(wordsByClause);
            wordPositions = positions;
        }
        return positions;
    }
}

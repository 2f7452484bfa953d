package qihu.triage.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import qihu.triage.dedup.DedupDecision.Match;
import qihu.triage.dedup.DedupDecision.Outcome;
import qihu.triage.text.AnalyzedText;
import qihu.triage.text.TextAnalyzer;

/**
 * Decides whether a request is a duplicate (重复件) of an open case, related to other cases, uncertain, or new.
 *
 * <p>Conservative by construction, because a false merge loses a request: only a case of the same enterprise (same
 * credit code) can be a duplicate; the texts must agree without any {@link TextComparison.Conflict conflict} (another
 * number, a negation, different or swapped words) and reach {@link DedupPolicy#duplicateScore()}; the case must be
 * open and received within {@link DedupPolicy#duplicateWindow()}. A pair that comes close without meeting all of that
 * is {@link Outcome#UNCERTAIN} and goes to a person.
 *
 * <p>Use: {@link #candidates} tells which cases to load (texts live in the store, not in the index), {@link #decide}
 * judges them; {@link #detect} does both with a lookup function.
 */
public final class DuplicateDetector {

    /** Evidence kept with a decision: the closest cases compared. */
    static final int EVIDENCE = 3;

    private final NearDuplicateIndex index;
    private final DedupPolicy policy;
    private final TextAnalyzer analyzer;

    public DuplicateDetector(NearDuplicateIndex index, DedupPolicy policy, TextAnalyzer analyzer) {
        this.index = index;
        this.policy = policy;
        this.analyzer = analyzer;
    }

    public DuplicateDetector(NearDuplicateIndex index, DedupPolicy policy) {
        this(index, policy, TextAnalyzer.standard());
    }

    /** A request as dedup sees it. {@code enterpriseUscc} is null when the enterprise is known by name only. */
    public record IncomingRequest(
            String requestId, String enterpriseUscc, String enterpriseName, String text, Instant receivedAt) {}

    /** A case to compare with, text included. */
    public record CaseCandidate(
            String caseId,
            String enterpriseUscc,
            String enterpriseName,
            String text,
            Instant receivedAt,
            boolean open) {}

    /** The cases worth comparing the request with, from the index. */
    public List<NearDuplicateIndex.Hit> candidates(IncomingRequest request) {
        return index.query(
                MinHasher.sign(analyzer.analyze(request.text())),
                request.enterpriseUscc(),
                policy.candidateSimilarity(),
                policy.maxRelatedCandidates());
    }

    /** Looks up the candidates and decides; {@code cases} loads a case (with its text) by id. */
    public DedupDecision detect(IncomingRequest request, Function<String, Optional<CaseCandidate>> cases) {
        List<CaseCandidate> loaded = new ArrayList<>();
        for (NearDuplicateIndex.Hit hit : candidates(request)) {
            cases.apply(hit.caseId()).ifPresent(loaded::add);
        }
        return decide(request, loaded);
    }

    /** Adds a case (a newly opened one, or one read from the store at start-up) to the index. */
    public void remember(CaseCandidate kase) {
        index.add(
                new NearDuplicateIndex.IndexedCase(
                        kase.caseId(), kase.enterpriseUscc(), kase.receivedAt(), kase.open()),
                MinHasher.sign(analyzer.analyze(kase.text())));
    }

    public DedupDecision decide(IncomingRequest request, List<CaseCandidate> candidates) {
        AnalyzedText text = analyzer.analyze(request.text());
        List<Match> matches = new ArrayList<>(candidates.size());
        for (CaseCandidate candidate : candidates) {
            matches.add(judge(request, text, candidate));
        }
        matches.sort(Comparator.comparing((Match m) -> m.verdict().ordinal())
                .thenComparing(Comparator.comparingDouble(Match::score).reversed())
                .thenComparing(Match::caseId));
        List<Match> evidence = List.copyOf(matches.subList(0, Math.min(EVIDENCE, matches.size())));
        if (matches.isEmpty()) {
            return new DedupDecision.New(null, 0, "no case to compare with", evidence);
        }
        return DedupDecision.of(matches.get(0), evidence);
    }

    /** The verdict on one pair, as if it were the only candidate. */
    Match judge(IncomingRequest request, AnalyzedText text, CaseCandidate candidate) {
        boolean exact = !text.isEmpty()
                && TextNormalizer.normalize(request.text()).equals(TextNormalizer.normalize(candidate.text()));
        TextComparison.Comparison comparison = TextComparison.compare(analyzer.analyze(candidate.text()), text);
        double score = exact ? 1.0 : comparison.score();
        boolean sameProblem = exact || (!comparison.conflicting() && score >= policy.duplicateScore());
        String evidence = exact ? "the same text" : comparison.explain();
        String id = candidate.caseId();

        if (sameEnterprise(request, candidate)) {
            if (sameProblem && !candidate.open()) {
                return new Match(
                        id,
                        Outcome.RECURRENCE,
                        score,
                        "same enterprise, same problem, but the case is closed: "
                                + "a new case, linked as a recurrence; " + evidence);
            }
            if (sameProblem && withinWindow(request, candidate)) {
                return new Match(id, Outcome.DUPLICATE, score, "same enterprise, same problem, case open; " + evidence);
            }
            if (sameProblem) {
                return new Match(
                        id,
                        Outcome.UNCERTAIN,
                        score,
                        String.format(
                                Locale.ROOT,
                                "same enterprise, same problem, but %d days after the case was received (window %d days); %s",
                                Duration.between(candidate.receivedAt(), request.receivedAt())
                                        .toDays(),
                                policy.duplicateWindow().toDays(),
                                evidence));
            }
            if (candidate.open() && comparison.content() >= policy.uncertainScore()) {
                return new Match(
                        id,
                        Outcome.UNCERTAIN,
                        score,
                        "same enterprise, similar text, not clearly the same " + "problem; " + evidence);
            }
        } else if (!identified(request) && candidate.open() && sameProblem && sameName(request, candidate)) {
            return new Match(
                    id,
                    Outcome.UNCERTAIN,
                    score,
                    "same problem and same enterprise name, but the request "
                            + "has no credit code, so it is never merged automatically; " + evidence);
        }
        if (comparison.content() >= policy.relatedScore()) {
            String whose = sameEnterprise(request, candidate) ? "same enterprise" : "another enterprise";
            return new Match(id, Outcome.RELATED, comparison.content(), whose + ", similar problem; " + evidence);
        }
        return new Match(id, Outcome.NEW, score, "not similar enough; " + evidence);
    }

    private static boolean identified(IncomingRequest request) {
        return request.enterpriseUscc() != null && !request.enterpriseUscc().isBlank();
    }

    private static boolean sameEnterprise(IncomingRequest request, CaseCandidate candidate) {
        return identified(request)
                && candidate.enterpriseUscc() != null
                && request.enterpriseUscc()
                        .strip()
                        .equalsIgnoreCase(candidate.enterpriseUscc().strip());
    }

    private static boolean sameName(IncomingRequest request, CaseCandidate candidate) {
        return request.enterpriseName() != null
                && candidate.enterpriseName() != null
                && TextNormalizer.normalize(request.enterpriseName())
                        .equals(TextNormalizer.normalize(candidate.enterpriseName()));
    }

    private boolean withinWindow(IncomingRequest request, CaseCandidate candidate) {
        Duration age =
                Duration.between(candidate.receivedAt(), request.receivedAt()).abs();
        return age.compareTo(policy.duplicateWindow()) <= 0;
    }
}

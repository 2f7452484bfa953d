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
 * <p>Use: {@link #probe} analyses the request once, {@link #candidates} tells which cases to load (texts live in the
 * store, not in the index), {@link #decide} judges them; {@link #detect} does all three with a lookup function.
 *
 * <p>Bounded work per request: every case of the request's own enterprise is judged (the store gives at most
 * {@code max-same-enterprise-cases}), but of the other enterprises' cases, which can at most be related, only the
 * {@link DedupPolicy#maxRelatedCandidates()} most similar by MinHash estimate. Cases' analysed texts are kept in an
 * {@link AnalysisCache}, since the same similar cases come up for request after request.
 */
public final class DuplicateDetector {

    /** Evidence kept with a decision: the closest cases compared. */
    static final int EVIDENCE = 3;

    /** Cases whose analysed text is kept by default (a few kilobytes each). */
    public static final int DEFAULT_ANALYSIS_CACHE_SIZE = 4_096;

    private final NearDuplicateIndex index;
    private final DedupPolicy policy;
    private final TextAnalyzer analyzer;
    private final AnalysisCache analysed;

    public DuplicateDetector(
            NearDuplicateIndex index, DedupPolicy policy, TextAnalyzer analyzer, int analysisCacheSize) {
        this.index = index;
        this.policy = policy;
        this.analyzer = analyzer;
        this.analysed = new AnalysisCache(analysisCacheSize);
    }

    public DuplicateDetector(NearDuplicateIndex index, DedupPolicy policy, int analysisCacheSize) {
        this(index, policy, TextAnalyzer.standard(), analysisCacheSize);
    }

    public DuplicateDetector(NearDuplicateIndex index, DedupPolicy policy) {
        this(index, policy, DEFAULT_ANALYSIS_CACHE_SIZE);
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

    /** A request analysed once, for the look-up, the judging and the index. */
    public static final class Probe {
        private final IncomingRequest request;
        private final AnalysisCache.Analysed text;

        private Probe(IncomingRequest request, AnalysisCache.Analysed text) {
            this.request = request;
            this.text = text;
        }

        public IncomingRequest request() {
            return request;
        }
    }

    public Probe probe(IncomingRequest request) {
        return new Probe(request, analyse(request.text()));
    }

    /** The cases worth comparing the request with, from the index. */
    public List<NearDuplicateIndex.Hit> candidates(Probe probe) {
        return index.query(
                probe.text.signature(),
                probe.request.enterpriseUscc(),
                policy.candidateSimilarity(),
                policy.maxRelatedCandidates());
    }

    public List<NearDuplicateIndex.Hit> candidates(IncomingRequest request) {
        return candidates(probe(request));
    }

    /** Looks up the candidates and decides; {@code cases} loads a case (with its text) by id. */
    public DedupDecision detect(IncomingRequest request, Function<String, Optional<CaseCandidate>> cases) {
        Probe probe = probe(request);
        List<CaseCandidate> loaded = new ArrayList<>();
        for (NearDuplicateIndex.Hit hit : candidates(probe)) {
            cases.apply(hit.caseId()).ifPresent(loaded::add);
        }
        return decide(probe, loaded);
    }

    /** Adds a case (a newly opened one, or one read from the store at start-up) to the index. */
    public void remember(CaseCandidate kase) {
        remember(kase, analysed(kase));
    }

    /** Adds the case a request opened, with the request's analysis (the case's text is the request's). */
    public void remember(CaseCandidate kase, Probe openedBy) {
        if (!openedBy.text.text().equals(kase.text())) {
            remember(kase);
            return;
        }
        analysed.put(kase.caseId(), openedBy.text);
        remember(kase, openedBy.text);
    }

    private void remember(CaseCandidate kase, AnalysisCache.Analysed text) {
        index.add(
                new NearDuplicateIndex.IndexedCase(
                        kase.caseId(), kase.enterpriseUscc(), kase.receivedAt(), kase.open()),
                text.signature());
    }

    public DedupDecision decide(IncomingRequest request, List<CaseCandidate> candidates) {
        return decide(probe(request), candidates);
    }

    /**
     * Judges the request against every candidate of its own enterprise (or, for a request without a credit code, of
     * its enterprise's name) and against the {@link DedupPolicy#maxRelatedCandidates()} other candidates most similar
     * by MinHash estimate, and returns the closest verdict with the evidence.
     */
    public DedupDecision decide(Probe probe, List<CaseCandidate> candidates) {
        List<Match> matches = new ArrayList<>(candidates.size());
        List<Ranked> others = new ArrayList<>();
        for (CaseCandidate candidate : candidates) {
            AnalysisCache.Analysed text = analysed(candidate);
            if (mayBeSameProblem(probe.request, candidate)) {
                matches.add(judge(probe, candidate, text));
            } else {
                others.add(new Ranked(candidate, text, probe.text.signature().estimatedSimilarity(text.signature())));
            }
        }
        others.sort(Comparator.comparingDouble(Ranked::estimate)
                .reversed()
                .thenComparing(r -> r.candidate().caseId()));
        for (Ranked other : others.subList(0, Math.min(others.size(), policy.maxRelatedCandidates()))) {
            matches.add(judge(probe, other.candidate(), other.text()));
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

    private record Ranked(CaseCandidate candidate, AnalysisCache.Analysed text, double estimate) {}

    /**
     * Whether the candidate can be more than related: a case of the request's enterprise, or of the same name when the
     * request has no credit code.
     */
    private static boolean mayBeSameProblem(IncomingRequest request, CaseCandidate candidate) {
        return sameEnterprise(request, candidate) || (!identified(request) && sameName(request, candidate));
    }

    /** Share of look-ups of a case's analysed text answered from the cache. */
    public double analysisCacheHitRate() {
        return analysed.hitRate();
    }

    private AnalysisCache.Analysed analysed(CaseCandidate kase) {
        return analysed.get(kase.caseId(), kase.text(), this::analyse);
    }

    private AnalysisCache.Analysed analyse(String text) {
        AnalyzedText analysis = analyzer.analyze(text);
        return new AnalysisCache.Analysed(
                text, TextNormalizer.normalize(text), PreparedText.of(analysis), MinHasher.sign(analysis));
    }

    /** The verdict on one pair, as if it were the only candidate. */
    private Match judge(Probe probe, CaseCandidate candidate, AnalysisCache.Analysed candidateText) {
        IncomingRequest request = probe.request;
        boolean exact =
                !probe.text.analysis().isEmpty() && probe.text.normalized().equals(candidateText.normalized());
        TextComparison.Comparison comparison = TextComparison.compare(candidateText.prepared(), probe.text.prepared());
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

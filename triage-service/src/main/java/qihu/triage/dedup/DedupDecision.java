package qihu.triage.dedup;

import java.util.List;

/**
 * What an incoming request is, compared with the cases triage knows (查重结论). Every decision names the case it is
 * about (the nearest one for {@link New}, none if there was nothing to compare), a score and a reason people can
 * check, plus the evidence: the closest cases compared, each with its own verdict.
 */
public sealed interface DedupDecision {

    enum Outcome {
        /** The same enterprise's same problem, case open: merge into it. */
        DUPLICATE,
        /** Possibly the same problem; a person decides. Until then the request is a new case. */
        UNCERTAIN,
        /** The same enterprise's same problem, but its case is closed: a new case, linked as a recurrence. */
        RECURRENCE,
        /** A similar problem of another enterprise (or another problem of the same one): linked, never merged. */
        RELATED,
        /** Nothing close enough. */
        NEW
    }

    Outcome outcome();

    /** The matched case; for {@link New} the nearest case compared, or null if none was. */
    String caseId();

    double score();

    String reason();

    List<Match> evidence();

    /** One compared case and what it would mean on its own. */
    record Match(String caseId, Outcome verdict, double score, String reason) {}

    record Duplicate(String caseId, double score, String reason, List<Match> evidence) implements DedupDecision {
        public Outcome outcome() {
            return Outcome.DUPLICATE;
        }
    }

    record Uncertain(String caseId, double score, String reason, List<Match> evidence) implements DedupDecision {
        public Outcome outcome() {
            return Outcome.UNCERTAIN;
        }
    }

    record Recurrence(String caseId, double score, String reason, List<Match> evidence) implements DedupDecision {
        public Outcome outcome() {
            return Outcome.RECURRENCE;
        }
    }

    record Related(String caseId, double score, String reason, List<Match> evidence) implements DedupDecision {
        public Outcome outcome() {
            return Outcome.RELATED;
        }
    }

    record New(String caseId, double score, String reason, List<Match> evidence) implements DedupDecision {
        public Outcome outcome() {
            return Outcome.NEW;
        }
    }

    static DedupDecision of(Match match, List<Match> evidence) {
        return switch (match.verdict()) {
            case DUPLICATE -> new Duplicate(match.caseId(), match.score(), match.reason(), evidence);
            case UNCERTAIN -> new Uncertain(match.caseId(), match.score(), match.reason(), evidence);
            case RECURRENCE -> new Recurrence(match.caseId(), match.score(), match.reason(), evidence);
            case RELATED -> new Related(match.caseId(), match.score(), match.reason(), evidence);
            case NEW -> new New(match.caseId(), match.score(), match.reason(), evidence);
        };
    }
}

package qihu.triage.dedup;

import java.util.ArrayList;
import java.util.List;
import qihu.triage.dedup.Rewordings.Pair;

/**
 * Prints the dedup figures of QUALITY.md for the project's own test data (the public pair sets go through
 * {@code ./qihu triage similarity}): rewordings of the same enterprise, different problems of the same enterprise, and
 * the same texts sent by another enterprise. Run on purpose; {@link RewordingRecallTest} asserts the targets.
 */
public final class DedupQualityReport {

    private DedupQualityReport() {}

    /** Argument: the duplicate score to judge with (default: the policy's), to see the trade-off QUALITY.md shows. */
    public static void main(String[] args) {
        DedupPolicy base = DedupPolicy.DEFAULT;
        double duplicateScore = args.length > 0 ? Double.parseDouble(args[0]) : base.duplicateScore();
        RewordingRecallTest.detector = new DuplicateDetector(
                new NearDuplicateIndex(),
                new DedupPolicy(
                        duplicateScore,
                        Math.min(base.uncertainScore(), duplicateScore),
                        base.relatedScore(),
                        base.duplicateWindow(),
                        base.candidateSimilarity(),
                        base.maxRelatedCandidates()));
        System.out.println("duplicate score " + duplicateScore);
        String same = RewordingRecallTest.HONGDA;
        print("hand-made rewordings, same enterprise", Rewordings.handMade(), same);
        for (long seed = 1; seed <= 4; seed++) {
            print("generated rewordings (seed " + seed + "), same enterprise", Rewordings.generated(seed), same);
        }
        print("different problems, same enterprise", Rewordings.sameEnterpriseDifferentProblems(), same);
        List<Pair> all = new ArrayList<>(Rewordings.handMade());
        for (long seed = 1; seed <= 4; seed++) {
            all.addAll(Rewordings.generated(seed));
        }
        all.addAll(Rewordings.seedTexts().stream()
                .map(t -> new Pair(t, t, "identical"))
                .toList());
        print("all of the above plus identical texts, another enterprise", all, RewordingRecallTest.KEDA);
    }

    private static void print(String what, List<Pair> pairs, String enterprise) {
        RewordingRecallTest.Tally tally = RewordingRecallTest.tally(pairs, enterprise);
        System.out.printf(java.util.Locale.ROOT, "%-58s %s; merged %.3f%n", what, tally, tally.recall());
    }
}

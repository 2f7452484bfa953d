package qihu.triage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import qihu.triage.dedup.DedupDecision;
import qihu.triage.dedup.DedupDecision.Outcome;
import qihu.triage.dedup.DedupPolicy;
import qihu.triage.dedup.DuplicateDetector;
import qihu.triage.dedup.DuplicateDetector.CaseCandidate;
import qihu.triage.dedup.DuplicateDetector.IncomingRequest;
import qihu.triage.dedup.NearDuplicateIndex;
import qihu.triage.io.DelimitedTable;
import qihu.triage.io.MalformedFileException;

/**
 * {@code similarity}: each pair judged by the duplicate detector as the case where merging is possible at all, the same
 * enterprise raising {@code sentence2} a day after {@code sentence1} opened a case that is still open. Writes one line
 * per pair (line, score, decision, label, reason); with labels, the precision, recall and F1 of DUPLICATE, and how
 * often each decision was taken per label.
 */
final class SimilarityCommand {

    /** The enterprise both sentences of a pair are taken to come from. */
    static final String PAIR_ENTERPRISE = "91330782MA2D7QF513";

    private static final Instant CASE_RECEIVED = Instant.parse("2026-01-05T01:00:00Z");
    private static final Duration RAISED_AGAIN_AFTER = Duration.ofDays(1);

    private final PrintStream out;

    SimilarityCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        Options options = Options.parse("similarity", args, Set.of("input", "output"));
        Path input = Path.of(options.required("input"));
        if (!Files.isRegularFile(input)) {
            throw new UsageException("no such file: " + input);
        }
        DelimitedTable table = DelimitedTable.read(input);
        if (table.header().size() < 2) {
            throw new MalformedFileException(
                    table.name(),
                    1,
                    "expected the columns sentence1, sentence2 and " + "optionally label; the header has "
                            + table.header().size());
        }
        int first = table.header().contains("sentence1") ? table.column("sentence1") : 0;
        int second = table.header().contains("sentence2") ? table.column("sentence2") : 1;
        int label = table.header().contains("label")
                ? table.column("label")
                : table.header().size() > 2 ? 2 : -1;

        DuplicateDetector detector = new DuplicateDetector(new NearDuplicateIndex(), DedupPolicy.DEFAULT);
        Tally tally = new Tally();
        Path output = options.has("output") ? Path.of(options.required("output")) : null;
        Writer pairs = output == null ? null : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        try {
            line(pairs, "line\tscore\tdecision\tlabel\treason");
            for (DelimitedTable.Row row : table.rows()) {
                Integer truth = label < 0 ? null : label(table, row, label);
                DedupDecision decision = detector.decide(
                        new IncomingRequest(
                                "pair-" + row.line(),
                                PAIR_ENTERPRISE,
                                null,
                                row.fields().get(second),
                                CASE_RECEIVED.plus(RAISED_AGAIN_AFTER)),
                        List.of(new CaseCandidate(
                                "line-" + row.line(),
                                PAIR_ENTERPRISE,
                                null,
                                row.fields().get(first),
                                CASE_RECEIVED,
                                true)));
                tally.count(decision.outcome(), truth);
                line(
                        pairs,
                        String.format(
                                Locale.ROOT,
                                "%d\t%.4f\t%s\t%s\t%s",
                                row.line(),
                                decision.score(),
                                decision.outcome(),
                                truth == null ? "" : truth.toString(),
                                decision.reason().replace('\t', ' ')));
            }
        } finally {
            if (pairs != null) {
                pairs.close();
            }
        }
        if (output != null) {
            out.println("wrote " + table.rows().size() + " pairs to " + output);
        }
        out.print(tally.summary(label >= 0, output == null ? "# " : ""));
        return TriageCli.OK;
    }

    private void line(Writer pairs, String text) throws IOException {
        if (pairs == null) {
            out.println(text);
        } else {
            pairs.write(text);
            pairs.write('\n');
        }
    }

    private static int label(DelimitedTable table, DelimitedTable.Row row, int column) {
        String value = row.fields().get(column).strip();
        return switch (value) {
            case "1" -> 1;
            case "0" -> 0;
            default ->
                throw new MalformedFileException(
                        table.name(), row.line(), "the label must be 1 or 0, got \"" + value + "\"");
        };
    }

    /** Decisions per label, and DUPLICATE's precision, recall and F1 against label 1. */
    private static final class Tally {
        final Map<String, int[]> decisions = new TreeMap<>();
        int duplicatesRight;
        int duplicatesWrong;
        int positives;
        int pairs;

        void count(Outcome outcome, Integer truth) {
            pairs++;
            int[] byLabel = decisions.computeIfAbsent(outcome.name(), o -> new int[3]);
            byLabel[truth == null ? 2 : truth]++;
            if (truth != null && truth == 1) {
                positives++;
            }
            if (outcome == Outcome.DUPLICATE && truth != null) {
                if (truth == 1) {
                    duplicatesRight++;
                } else {
                    duplicatesWrong++;
                }
            }
        }

        String summary(boolean labelled, String prefix) {
            StringBuilder text = new StringBuilder();
            text.append(prefix).append("pairs: ").append(pairs).append('\n');
            for (Map.Entry<String, int[]> entry : decisions.entrySet()) {
                int[] counts = entry.getValue();
                text.append(prefix)
                        .append(String.format(
                                Locale.ROOT,
                                labelled ? "%-10s %6d  (label 1: %d, label 0: %d)%n" : "%-10s %6d%n",
                                entry.getKey(),
                                counts[0] + counts[1] + counts[2],
                                counts[1],
                                counts[0]));
            }
            if (labelled) {
                double precision = duplicatesRight + duplicatesWrong == 0
                        ? 0
                        : (double) duplicatesRight / (duplicatesRight + duplicatesWrong);
                double recall = positives == 0 ? 0 : (double) duplicatesRight / positives;
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                text.append(prefix)
                        .append(String.format(
                                Locale.ROOT,
                                "DUPLICATE precision: %.4f (%d of %d)%n",
                                precision,
                                duplicatesRight,
                                duplicatesRight + duplicatesWrong));
                text.append(prefix)
                        .append(String.format(
                                Locale.ROOT,
                                "DUPLICATE recall: %.4f (%d of %d)%n",
                                recall,
                                duplicatesRight,
                                positives));
                text.append(prefix).append(String.format(Locale.ROOT, "DUPLICATE F1: %.4f%n", f1));
            }
            return text.toString();
        }
    }
}

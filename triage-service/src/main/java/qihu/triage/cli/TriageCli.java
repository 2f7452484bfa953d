package qihu.triage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import qihu.triage.classify.CrossValidation;
import qihu.triage.classify.Evaluation;
import qihu.triage.classify.KeywordRules;
import qihu.triage.classify.ModelFile;
import qihu.triage.classify.TextClassifier;
import qihu.triage.classify.Trainer;
import qihu.triage.io.DelimitedTable;
import qihu.triage.io.MalformedFileException;

/**
 * Triage from the command line, for people who bring their own data: {@code train}, {@code evaluate} and
 * {@code similarity}. Run through {@code ./qihu triage}. Exit code 0 on success, 2 for a bad command line or a
 * malformed file (the message names the line), 1 for anything else; never a stack trace.
 */
public final class TriageCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;

    public TriageCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new TriageCli(out, err).run(args));
    }

    /** Runs one command; returns the exit code. */
    public int run(String... args) {
        try {
            if (args.length == 0 || Set.of("help", "-h", "--help").contains(args[0])) {
                out.print(usage());
                return args.length == 0 ? BAD_INPUT : OK;
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return switch (args[0]) {
                case "train" -> train(rest);
                case "evaluate" -> evaluate(rest);
                case "similarity" -> new SimilarityCommand(out).run(rest);
                default -> throw new UsageException("unknown command \"" + args[0] + "\"\n" + usage());
            };
        } catch (UsageException e) {
            err.println("triage: " + e.getMessage());
            return BAD_INPUT;
        } catch (MalformedFileException | ModelFile.InvalidModelException e) {
            err.println("triage: " + e.getMessage());
            return BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("triage: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("triage: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("triage: unexpected error: " + e);
            return FAILED;
        }
    }

    static String usage() {
        return """
                Usage: ./qihu triage <command> [options]

                  train       --input FILE --text-column C --label-column L --model OUT [--keyword-rules R]
                              Trains a classifier on a labelled CSV/TSV and writes the model file.
                  evaluate    --input FILE --text-column C --label-column L (--model M | --folds K)
                              [--keyword-rules R]
                              Accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix,
                              of a model file or of K-fold cross-validation.
                  similarity  --input PAIRS.tsv [--output FILE]
                              Score and decision for each pair (sentence1, sentence2, optional label 1/0),
                              each pair read as the same enterprise raising the second text while the first
                              is an open case; with labels, precision, recall and F1 of DUPLICATE.

                Files are UTF-8 with a header row; .tsv is tab-separated, anything else comma-separated (CSV,
                quoted fields allowed). --text-column may name several columns, comma-separated: they are joined.
                --keyword-rules: a table of head, label, keyword, boost (the head is the label column's name);
                a text containing the keyword gets the boost added to the label's score.
                """;
    }

    private int train(List<String> args) throws IOException {
        Options options =
                Options.parse("train", args, Set.of("input", "text-column", "label-column", "model", "keyword-rules"));
        String labelColumn = options.required("label-column");
        String textColumns = options.required("text-column");
        Path modelFile = Path.of(options.required("model"));
        Path input = Path.of(options.required("input"));
        List<Trainer.Example> examples = LabelledData.read(input, textColumns, labelColumn, labelColumn);
        KeywordRules rules = rules(options);
        long started = System.nanoTime();
        TextClassifier model =
                new Trainer().train(examples, List.of(labelColumn), rules, "trained on " + input.getFileName());
        ModelFile.write(model, modelFile);
        out.printf(
                Locale.ROOT,
                "model %s (format %d) written to %s%ntrained on %d examples in %.1f s%nlabels (%s): %s%n",
                model.info().id(),
                model.info().formatVersion(),
                modelFile,
                examples.size(),
                (System.nanoTime() - started) / 1e9,
                labelColumn,
                counts(examples, labelColumn));
        return OK;
    }

    private int evaluate(List<String> args) throws IOException {
        Options options = Options.parse(
                "evaluate", args, Set.of("input", "text-column", "label-column", "model", "folds", "keyword-rules"));
        String labelColumn = options.required("label-column");
        String textColumns = options.required("text-column");
        Path input = Path.of(options.required("input"));
        if (options.has("model") == options.has("folds")) {
            throw new UsageException("evaluate: give either --model M or --folds K");
        }
        Evaluation evaluation;
        if (options.has("model")) {
            Path modelPath = Path.of(options.required("model"));
            if (!Files.isRegularFile(modelPath)) {
                throw new UsageException("no such model file: " + modelPath);
            }
            TextClassifier model = ModelFile.read(modelPath);
            String head = headFor(model, labelColumn);
            List<Trainer.Example> examples = LabelledData.read(input, textColumns, labelColumn, head);
            List<String> truths =
                    examples.stream().map(e -> e.labels().get(head)).toList();
            List<String> labels = new ArrayList<>(model.labels(head));
            truths.stream().filter(t -> !labels.contains(t)).distinct().sorted().forEach(labels::add);
            List<String> predictions = examples.stream()
                    .map(e -> model.classify(e.text(), head).label())
                    .toList();
            evaluation = Evaluation.of(labels, truths, predictions);
            out.printf(
                    "model %s (%s), head %s%n", model.info().id(), model.info().description(), head);
        } else {
            int folds = options.positiveInt("folds");
            List<Trainer.Example> examples = LabelledData.read(input, textColumns, labelColumn, labelColumn);
            if (folds < 2 || folds > examples.size()) {
                throw new UsageException(
                        "evaluate: --folds must be between 2 and the number of examples (" + examples.size() + ")");
            }
            Trainer trainer = new Trainer();
            KeywordRules rules = rules(options);
            evaluation = CrossValidation.run(
                    examples,
                    labelColumn,
                    folds,
                    training -> trainer.train(training, List.of(labelColumn), rules, "fold"));
            out.printf("%d-fold cross-validation on %s%n", folds, input);
        }
        out.print(evaluation.report());
        return OK;
    }

    /** Keyword rules from {@code --keyword-rules FILE} (head, label, keyword, boost), or none. */
    private static KeywordRules rules(Options options) throws IOException {
        if (!options.has("keyword-rules")) {
            return KeywordRules.NONE;
        }
        Path file = Path.of(options.required("keyword-rules"));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + file);
        }
        return KeywordRules.of(DelimitedTable.read(file));
    }

    /** The head named like the label column, or the model's only head. */
    private static String headFor(TextClassifier model, String labelColumn) {
        if (model.heads().contains(labelColumn)) {
            return labelColumn;
        }
        if (model.heads().size() == 1) {
            return model.heads().get(0);
        }
        throw new UsageException("the model predicts " + model.heads() + "; name one of them with --label-column");
    }

    private static String counts(List<Trainer.Example> examples, String head) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        examples.forEach(e -> counts.merge(e.labels().get(head), 1, Integer::sum));
        return counts.toString();
    }
}

package qihu.triage.classify;

import java.util.List;
import java.util.Locale;

/**
 * How well predictions match true labels: a confusion matrix and what follows from it (accuracy, per-label precision,
 * recall and F1, and macro-F1, the plain mean of the labels' F1 so that a rare board counts as much as a common one).
 *
 * @param confusion {@code confusion[truth][predicted]}, indexed like {@code labels}
 */
public record Evaluation(List<String> labels, int[][] confusion) {

    public static Evaluation of(List<String> labels, List<String> truths, List<String> predictions) {
        int[][] confusion = new int[labels.size()][labels.size()];
        for (int i = 0; i < truths.size(); i++) {
            int truth = labels.indexOf(truths.get(i));
            int predicted = labels.indexOf(predictions.get(i));
            if (truth < 0 || predicted < 0) {
                throw new IllegalArgumentException(
                        "label outside " + labels + ": " + truths.get(i) + " / " + predictions.get(i));
            }
            confusion[truth][predicted]++;
        }
        return new Evaluation(labels, confusion);
    }

    public int total() {
        int total = 0;
        for (int[] row : confusion) {
            for (int count : row) {
                total += count;
            }
        }
        return total;
    }

    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < labels.size(); c++) {
            correct += confusion[c][c];
        }
        return total() == 0 ? 0 : (double) correct / total();
    }

    public double precision(int label) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[label];
        }
        return predicted == 0 ? 0 : (double) confusion[label][label] / predicted;
    }

    public double recall(int label) {
        int actual = 0;
        for (int count : confusion[label]) {
            actual += count;
        }
        return actual == 0 ? 0 : (double) confusion[label][label] / actual;
    }

    public double f1(int label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            sum += f1(c);
        }
        return labels.isEmpty() ? 0 : sum / labels.size();
    }

    /** The report the CLI prints: accuracy, "macro-F1: 0.xxxx", a table per label, the confusion matrix. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "examples: %d%n", total()));
        out.append(String.format(Locale.ROOT, "accuracy: %.4f%n", accuracy()));
        out.append(String.format(Locale.ROOT, "macro-F1: %.4f%n%n", macroF1()));
        int width = Math.max(
                5, labels.stream().mapToInt(Evaluation::displayWidth).max().orElse(5));
        out.append(pad("label", width)).append("  precision  recall      F1  support\n");
        for (int c = 0; c < labels.size(); c++) {
            int support = 0;
            for (int count : confusion[c]) {
                support += count;
            }
            out.append(pad(labels.get(c), width))
                    .append(String.format(
                            Locale.ROOT, "  %9.4f  %6.4f  %6.4f  %7d%n", precision(c), recall(c), f1(c), support));
        }
        out.append("\nconfusion matrix (rows: true label, columns: predicted, in the order above)\n");
        for (int c = 0; c < labels.size(); c++) {
            out.append(pad(labels.get(c), width));
            for (int p = 0; p < labels.size(); p++) {
                out.append(String.format(Locale.ROOT, " %5d", confusion[c][p]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Chinese characters take two columns in a terminal. */
    private static int displayWidth(String text) {
        return text.codePoints()
                .map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1)
                .sum();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - displayWidth(text)));
    }
}

package qihu.triage.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One thing a model predicts (the board, the complexity, the level): its labels and a weight vector per label over
 * the model's vocabulary.
 */
final class Head {

    private final String name;
    private final List<String> labels;
    private final int features;
    private final float[] weights;
    private final float[] bias;

    Head(String name, List<String> labels, int features, float[] weights, float[] bias) {
        this.name = name;
        this.labels = List.copyOf(labels);
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    String name() {
        return name;
    }

    List<String> labels() {
        return labels;
    }

    float[] weights() {
        return weights;
    }

    float[] bias() {
        return bias;
    }

    /** Label scores before the softmax, for rules to add to. */
    double[] scores(SparseVector x) {
        double[] scores = new double[labels.size()];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = score(weights, bias, features, x, c);
        }
        return scores;
    }

    static void probabilities(float[] weights, float[] bias, int features, SparseVector x, double[] out) {
        for (int c = 0; c < out.length; c++) {
            out[c] = score(weights, bias, features, x, c);
        }
        softmax(out);
    }

    private static double score(float[] weights, float[] bias, int features, SparseVector x, int c) {
        double sum = bias[c];
        int base = c * features;
        for (int k = 0; k < x.indices().length; k++) {
            sum += weights[base + x.indices()[k]] * x.values()[k];
        }
        return sum;
    }

    static void softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
    }

    /** Labels by probability, highest first (ties by label). */
    Prediction predict(double[] scores, int top) {
        double[] probabilities = scores.clone();
        softmax(probabilities);
        List<Prediction.Scored> ranked = new ArrayList<>();
        for (int c = 0; c < probabilities.length; c++) {
            ranked.add(new Prediction.Scored(labels.get(c), probabilities[c]));
        }
        ranked.sort(Comparator.comparingDouble(Prediction.Scored::probability)
                .reversed()
                .thenComparing(Prediction.Scored::label));
        return new Prediction(
                ranked.get(0).label(), ranked.get(0).probability(), ranked.subList(0, Math.min(top, ranked.size())));
    }
}

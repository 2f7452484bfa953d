package qihu.triage.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Multinomial logistic regression (多项逻辑回归) over sparse TF-IDF vectors: one weight vector per label, softmax over
 * the scores. Trained by stochastic gradient descent with AdaGrad step sizes and L2 regularisation, labels weighted
 * inversely to their frequency (so a rare board counts as much as a common one for macro-F1), in orders drawn from a
 * seeded random generator: the same data gives the same weights, byte for byte.
 */
final class LogisticRegression {

    /**
     * Training settings.
     *
     * @param epochs passes over the data
     * @param learningRate AdaGrad's base step
     * @param l2 regularisation strength per update
     * @param runs models trained in different shuffle orders and averaged: their vocabulary is the same, so the mean
     *     of their weights scores every text with the mean of their scores; it smooths out the luck of one order (on
     *     the government-message data about half a point of macro-F1) and costs nothing when classifying
     * @param seed of the first run's shuffling; run {@code r} uses {@code seed + r}
     */
    record Settings(int epochs, double learningRate, double l2, int runs, long seed) {
        static final Settings DEFAULT = new Settings(30, 0.5, 1e-4, 5, 20_261_122L);
    }

    /** Keeps AdaGrad's first step finite. */
    private static final double ADAGRAD_EPSILON = 1e-8;

    private LogisticRegression() {}

    /** Trains weights for {@code labels.size()} labels; {@code targets[i]} is the label index of {@code vectors[i]}. */
    static Head train(
            String name,
            List<String> labels,
            int features,
            List<SparseVector> vectors,
            int[] targets,
            Settings settings) {
        float[] weights = new float[labels.size() * features];
        float[] bias = new float[labels.size()];
        for (int run = 0; run < settings.runs(); run++) {
            Head head = trainOnce(name, labels, features, vectors, targets, settings, settings.seed() + run);
            for (int j = 0; j < weights.length; j++) {
                weights[j] += head.weights()[j] / settings.runs();
            }
            for (int c = 0; c < bias.length; c++) {
                bias[c] += head.bias()[c] / settings.runs();
            }
        }
        return new Head(name, labels, features, weights, bias);
    }

    private static Head trainOnce(
            String name,
            List<String> labels,
            int features,
            List<SparseVector> vectors,
            int[] targets,
            Settings settings,
            long seed) {
        int classes = labels.size();
        float[] weights = new float[classes * features];
        float[] bias = new float[classes];
        float[] squaredGradients = new float[classes * features];
        float[] squaredBiasGradients = new float[classes];
        double[] classWeight = classWeights(targets, classes);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        double[] probabilities = new double[classes];
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                SparseVector x = vectors.get(i);
                Head.probabilities(weights, bias, features, x, probabilities);
                for (int c = 0; c < classes; c++) {
                    double error = (probabilities[c] - (targets[i] == c ? 1 : 0)) * classWeight[targets[i]];
                    int base = c * features;
                    for (int k = 0; k < x.indices().length; k++) {
                        int j = base + x.indices()[k];
                        double gradient = error * x.values()[k] + settings.l2() * weights[j];
                        squaredGradients[j] += (float) (gradient * gradient);
                        float delta = (float) (-settings.learningRate()
                                * gradient
                                / Math.sqrt(squaredGradients[j] + ADAGRAD_EPSILON));
                        weights[j] += delta;
                    }
                    squaredBiasGradients[c] += (float) (error * error);
                    float delta = (float)
                            (-settings.learningRate() * error / Math.sqrt(squaredBiasGradients[c] + ADAGRAD_EPSILON));
                    bias[c] += delta;
                }
            }
        }
        return new Head(name, labels, features, weights, bias);
    }

    private static double[] classWeights(int[] targets, int classes) {
        int[] counts = new int[classes];
        for (int target : targets) {
            counts[target]++;
        }
        double[] weights = new double[classes];
        for (int c = 0; c < classes; c++) {
            weights[c] = counts[c] == 0 ? 0 : (double) targets.length / (classes * counts[c]);
        }
        return weights;
    }
}

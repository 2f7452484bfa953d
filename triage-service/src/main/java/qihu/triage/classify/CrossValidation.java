package qihu.triage.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Stratified k-fold cross-validation (交叉验证): every label's examples are dealt over the folds in a seeded random
 * order, each fold is predicted by a model trained on the others, and all predictions are scored together.
 */
public final class CrossValidation {

    public static final long SEED = 20_261_122L;

    private CrossValidation() {}

    /**
     * @param train trains a model on some examples
     * @return the evaluation of {@code head} over all folds
     */
    public static Evaluation run(
            List<Trainer.Example> examples,
            String head,
            int folds,
            Function<List<Trainer.Example>, TextClassifier> train) {
        if (folds < 2 || folds > examples.size()) {
            throw new IllegalArgumentException("folds must be between 2 and the number of examples, got " + folds);
        }
        int[] foldOf = assignFolds(examples, head, folds);
        List<String> labels = new ArrayList<>(new java.util.TreeSet<>(
                examples.stream().map(e -> e.labels().get(head)).toList()));
        List<String> truths = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            List<Trainer.Example> training = new ArrayList<>();
            List<Trainer.Example> testing = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                (foldOf[i] == fold ? testing : training).add(examples.get(i));
            }
            TextClassifier model = train.apply(training);
            for (Trainer.Example example : testing) {
                truths.add(example.labels().get(head));
                String predicted = model.classify(example.text(), head).label();
                predictions.add(labels.contains(predicted) ? predicted : labels.get(0));
            }
        }
        return Evaluation.of(labels, truths, predictions);
    }

    private static int[] assignFolds(List<Trainer.Example> examples, String head, int folds) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byLabel.computeIfAbsent(examples.get(i).labels().get(head), l -> new ArrayList<>())
                    .add(i);
        }
        Random random = new Random(SEED);
        int[] foldOf = new int[examples.size()];
        int next = 0;
        for (List<Integer> indices : byLabel.values()) {
            Collections.shuffle(indices, random);
            for (int index : indices) {
                foldOf[index] = next++ % folds;
            }
        }
        return foldOf;
    }
}

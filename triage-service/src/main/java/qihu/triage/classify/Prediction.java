package qihu.triage.classify;

import java.util.List;

/**
 * What a model predicts for one head.
 *
 * @param confidence the predicted label's probability, 0..1
 * @param top the most probable labels, highest first (the predicted one included)
 */
public record Prediction(String label, double confidence, List<Scored> top) {

    public Prediction {
        top = List.copyOf(top);
    }

    public record Scored(String label, double probability) {}
}

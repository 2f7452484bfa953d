package qihu.triage.triaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.OwnerLevel;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.ModelFile;
import qihu.triage.classify.Prediction;
import qihu.triage.classify.TextClassifier;

/**
 * Classifies a new case with the active model (at start-up the configured one: the built-in default, or a file from
 * {@code ./qihu triage train}; later whichever {@link ModelSwitch} makes active): board, complexity and level, the
 * board's confidence, and the board's top three for people checking it. A head the model lacks, or a label outside the
 * events' enums, keeps the default classification's value.
 */
@Component
public class CaseClassifier {

    private static final Logger log = LoggerFactory.getLogger(CaseClassifier.class);

    private final TriageProperties properties;
    private final TextClassifier configured;
    /** Swapped whole, so a classification uses one model from start to end. Null when the classifier is off. */
    private final AtomicReference<TextClassifier> active;

    public CaseClassifier(TriageProperties properties) {
        this.properties = properties;
        this.configured =
                properties.classifier().enabled() ? load(properties.classifier().model()) : null;
        this.active = new AtomicReference<>(configured);
        if (configured != null) {
            logActive(configured);
        }
    }

    /** The model configured at start-up; null when the classifier is off. */
    public TextClassifier configured() {
        return configured;
    }

    /** The model new cases are classified with; null when the classifier is off. */
    public TextClassifier active() {
        return active.get();
    }

    /** Classifies new cases with this model from now on. */
    void use(TextClassifier model) {
        TextClassifier before = active.getAndSet(model);
        if (before == null || !before.info().id().equals(model.info().id())) {
            logActive(model);
        }
    }

    private static void logActive(TextClassifier model) {
        log.info("classifier {} ({}), heads {}", model.info().id(), model.info().description(), model.heads());
    }

    private static TextClassifier load(String file) {
        if (file == null || file.isBlank()) {
            return DefaultModel.get();
        }
        try {
            return ModelFile.read(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "qihu.triage.classifier.model: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The classification and what backs it.
     *
     * @param modelId the model's id, null when the classifier is off
     * @param topBoards the board's three most probable labels
     */
    public record Result(Classification classification, String modelId, List<Prediction.Scored> topBoards) {

        public boolean confident(double minConfidence) {
            return modelId == null || classification.confidence() >= minConfidence;
        }
    }

    public Result classify(String title, String content) {
        Classification fallback = properties.defaultClassification();
        TextClassifier model = active.get();
        if (model == null) {
            return new Result(fallback, null, List.of());
        }
        Map<String, Prediction> predictions = model.classify(textOf(title, content));
        Prediction board = predictions.get(DefaultModel.BOARD);
        Classification classification = new Classification(
                board == null ? fallback.board() : board.label(),
                enumOr(predictions.get(DefaultModel.COMPLEXITY), Complexity.class, fallback.complexity()),
                enumOr(predictions.get(DefaultModel.LEVEL), OwnerLevel.class, fallback.level()),
                board == null ? 0.0 : board.confidence());
        return new Result(classification, model.info().id(), board == null ? List.of() : board.top());
    }

    /** The text a case is classified by: its title and content as two sentences. */
    public static String textOf(String title, String content) {
        return title == null || title.isBlank() ? content : title + "。" + content;
    }

    private static <E extends Enum<E>> E enumOr(Prediction prediction, Class<E> type, E fallback) {
        if (prediction == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, prediction.label());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}

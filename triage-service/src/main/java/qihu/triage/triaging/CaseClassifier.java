package qihu.triage.triaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Classifies a new case with the configured model (the built-in default, or a file from {@code ./qihu triage train}):
 * board, complexity and level, the board's confidence, and the board's top three for people checking it. A head the
 * model lacks, or a label outside the events' enums, keeps the default classification's value.
 */
@Component
public class CaseClassifier {

    private static final Logger log = LoggerFactory.getLogger(CaseClassifier.class);

    private final TriageProperties properties;
    private final TextClassifier model;

    public CaseClassifier(TriageProperties properties) {
        this.properties = properties;
        this.model =
                properties.classifier().enabled() ? load(properties.classifier().model()) : null;
        if (model != null) {
            log.info(
                    "classifier {} ({}), heads {}",
                    model.info().id(),
                    model.info().description(),
                    model.heads());
        }
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
        if (model == null) {
            return new Result(fallback, null, List.of());
        }
        String text = title == null || title.isBlank() ? content : title + "。" + content;
        Map<String, Prediction> predictions = model.classify(text);
        Prediction board = predictions.get(DefaultModel.BOARD);
        Classification classification = new Classification(
                board == null ? fallback.board() : board.label(),
                enumOr(predictions.get(DefaultModel.COMPLEXITY), Complexity.class, fallback.complexity()),
                enumOr(predictions.get(DefaultModel.LEVEL), OwnerLevel.class, fallback.level()),
                board == null ? 0.0 : board.confidence());
        return new Result(classification, model.info().id(), board == null ? List.of() : board.top());
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

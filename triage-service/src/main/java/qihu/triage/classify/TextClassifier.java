package qihu.triage.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qihu.triage.dedup.TextNormalizer;
import qihu.triage.text.AnalyzedText;
import qihu.triage.text.TextAnalyzer;

/**
 * A trained text classifier (文本分类模型): reads a request's text and predicts one label per head (the service board,
 * the complexity, the owner level), each with its confidence and the top {@value #TOP} labels. Immutable and safe to
 * share between threads; {@link ModelFile} writes and reads it.
 */
public final class TextClassifier {

    public static final int TOP = 3;

    private final ModelInfo info;
    private final FeatureSet featureSet;
    private final Vocabulary vocabulary;
    private final Map<String, Head> heads;
    private final KeywordRules rules;
    private final TextAnalyzer analyzer;

    TextClassifier(
            ModelInfo info,
            FeatureSet featureSet,
            Vocabulary vocabulary,
            List<Head> heads,
            KeywordRules rules,
            TextAnalyzer analyzer) {
        this.info = info;
        this.featureSet = featureSet;
        this.vocabulary = vocabulary;
        this.heads = new LinkedHashMap<>();
        heads.forEach(head -> this.heads.put(head.name(), head));
        this.rules = rules;
        this.analyzer = analyzer;
    }

    /** Version, content hash and provenance of the model. */
    public ModelInfo info() {
        return info;
    }

    public List<String> heads() {
        return List.copyOf(heads.keySet());
    }

    /** The labels a head can predict, in the model's order. */
    public List<String> labels(String head) {
        return head(head).labels();
    }

    /** Predictions for every head. */
    public Map<String, Prediction> classify(String text) {
        Analysed analysed = analyse(text);
        Map<String, Prediction> predictions = new LinkedHashMap<>();
        for (Head head : heads.values()) {
            predictions.put(head.name(), predict(head, analysed));
        }
        return predictions;
    }

    /** The prediction of one head. */
    public Prediction classify(String text, String head) {
        return predict(head(head), analyse(text));
    }

    private record Analysed(SparseVector vector, String normalized) {}

    private Analysed analyse(String text) {
        AnalyzedText analyzed = analyzer.analyze(text);
        long[][] buffer = {new long[0]};
        int count = featureSet.hashes(analyzed, buffer);
        SparseVector vector = vocabulary.vectorize(buffer[0], count);
        return new Analysed(vector, rules.isEmpty() ? "" : TextNormalizer.normalize(text == null ? "" : text));
    }

    private Prediction predict(Head head, Analysed analysed) {
        double[] scores = head.scores(analysed.vector());
        rules.apply(head.name(), head.labels(), analysed.normalized(), scores);
        return head.predict(scores, TOP);
    }

    private Head head(String name) {
        Head head = heads.get(name);
        if (head == null) {
            throw new IllegalArgumentException("the model has no head \"" + name + "\"; it has " + heads.keySet());
        }
        return head;
    }

    FeatureSet featureSet() {
        return featureSet;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    List<Head> headList() {
        return new ArrayList<>(heads.values());
    }

    KeywordRules rules() {
        return rules;
    }

    TextClassifier withInfo(ModelInfo newInfo) {
        return new TextClassifier(newInfo, featureSet, vocabulary, headList(), rules, analyzer);
    }
}

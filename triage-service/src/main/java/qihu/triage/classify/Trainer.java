package qihu.triage.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import qihu.triage.text.AnalyzedText;
import qihu.triage.text.TextAnalyzer;

/** Trains a {@link TextClassifier} from labelled texts. Deterministic: the same examples give the same model id. */
public final class Trainer {

    /** Features seen in fewer training texts than this are dropped: they cannot generalise. */
    public static final int MIN_DOCUMENTS = 2;

    /** A labelled text: one label per head ("board" → "FINANCE"). */
    public record Example(String text, Map<String, String> labels) {}

    private final FeatureSet featureSet;
    private final LogisticRegression.Settings settings;
    private final TextAnalyzer analyzer;

    public Trainer() {
        this(FeatureSet.DEFAULT, LogisticRegression.Settings.DEFAULT, TextAnalyzer.standard());
    }

    Trainer(FeatureSet featureSet, LogisticRegression.Settings settings, TextAnalyzer analyzer) {
        this.featureSet = featureSet;
        this.settings = settings;
        this.analyzer = analyzer;
    }

    public TextClassifier train(List<Example> examples, List<String> heads, KeywordRules rules, String description) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no labelled texts to train on");
        }
        List<List<String>> features = new ArrayList<>(examples.size());
        for (Example example : examples) {
            AnalyzedText text = analyzer.analyze(example.text());
            features.add(featureSet.extract(text));
        }
        Vocabulary vocabulary = Vocabulary.build(features, MIN_DOCUMENTS);
        List<SparseVector> vectors =
                features.stream().map(vocabulary::vectorize).toList();
        List<Head> trained = new ArrayList<>();
        for (String head : heads) {
            List<String> labels = new ArrayList<>(new TreeSet<>(examples.stream()
                    .map(e -> e.labels().get(head))
                    .filter(label -> label != null && !label.isBlank())
                    .toList()));
            if (labels.size() < 2) {
                throw new IllegalArgumentException(
                        "head \"" + head + "\" needs at least two different labels, found " + labels);
            }
            List<SparseVector> headVectors = new ArrayList<>();
            List<Integer> targets = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                String label = examples.get(i).labels().get(head);
                if (label != null && !label.isBlank()) {
                    headVectors.add(vectors.get(i));
                    targets.add(labels.indexOf(label));
                }
            }
            trained.add(LogisticRegression.train(
                    head,
                    labels,
                    vocabulary.size(),
                    headVectors,
                    targets.stream().mapToInt(Integer::intValue).toArray(),
                    settings));
        }
        ModelInfo provisional = new ModelInfo(ModelFile.FORMAT_VERSION, "", description, examples.size());
        TextClassifier model = new TextClassifier(provisional, featureSet, vocabulary, trained, rules, analyzer);
        return model.withInfo(
                new ModelInfo(ModelFile.FORMAT_VERSION, ModelFile.idOf(model), description, examples.size()));
    }
}

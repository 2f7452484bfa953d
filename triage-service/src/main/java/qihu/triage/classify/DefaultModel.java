package qihu.triage.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qihu.triage.io.DelimitedTable;

/**
 * The model triage ships with: trained on first use from the seed corpus ({@code classifier/seed-corpus.csv}, forty
 * requests per board written for this project, each with its complexity and owner level) plus the keyword rules of
 * {@code classifier/keyword-rules.tsv}. Training takes a few seconds and is deterministic, so every instance builds
 * the same model, with the same id.
 */
public final class DefaultModel {

    public static final String SEED_CORPUS = "/classifier/seed-corpus.csv";
    public static final String KEYWORD_RULES = "/classifier/keyword-rules.tsv";
    public static final String BOARD = "board";
    public static final String COMPLEXITY = "complexity";
    public static final String LEVEL = "level";
    public static final List<String> HEADS = List.of(BOARD, COMPLEXITY, LEVEL);

    private DefaultModel() {}

    public static TextClassifier get() {
        return Holder.MODEL;
    }

    private static final class Holder {
        static final TextClassifier MODEL =
                new Trainer().train(seedCorpus(), HEADS, keywordRules(), "default model: Qihu seed corpus");
    }

    /** The seed corpus as training examples, one label per head. */
    public static List<Trainer.Example> seedCorpus() {
        DelimitedTable table = DelimitedTable.parse(SEED_CORPUS, resource(SEED_CORPUS), ',');
        int text = table.column("text");
        List<Trainer.Example> examples = new ArrayList<>();
        for (DelimitedTable.Row row : table.rows()) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String head : HEADS) {
                labels.put(head, row.fields().get(table.column(head)));
            }
            examples.add(new Trainer.Example(row.fields().get(text), labels));
        }
        return examples;
    }

    public static KeywordRules keywordRules() {
        return KeywordRules.of(DelimitedTable.parse(KEYWORD_RULES, resource(KEYWORD_RULES), '\t'));
    }

    private static String resource(String path) {
        try (InputStream in = DefaultModel.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

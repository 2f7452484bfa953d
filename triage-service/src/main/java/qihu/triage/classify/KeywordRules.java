package qihu.triage.classify;

import java.util.List;
import qihu.triage.dedup.TextNormalizer;
import qihu.triage.io.DelimitedTable;
import qihu.triage.io.MalformedFileException;

/**
 * Keyword rules (关键词规则) that nudge a head towards a label when a text names something unmistakable ("出口退税" →
 * OPENING): the rule's boost is added to the label's score before the softmax. They help where the training data is
 * thin; a model trained on plenty of data hardly needs them. Stored in the model file with the weights.
 */
public record KeywordRules(List<Rule> rules) {

    public static final KeywordRules NONE = new KeywordRules(List.of());

    public KeywordRules {
        rules = List.copyOf(rules);
    }

    /** A keyword (matched on the normalised text) adding {@code boost} to {@code label} of {@code head}. */
    public record Rule(String head, String label, String keyword, double boost) {

        public Rule {
            keyword = TextNormalizer.normalize(keyword);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("a rule needs a keyword");
            }
        }
    }

    /** Adds the boosts of the rules whose keyword the text contains to {@code scores} (indexed like {@code labels}). */
    void apply(String head, List<String> labels, String normalizedText, double[] scores) {
        for (Rule rule : rules) {
            if (rule.head().equals(head) && normalizedText.contains(rule.keyword())) {
                int label = labels.indexOf(rule.label());
                if (label >= 0) {
                    scores[label] += rule.boost();
                }
            }
        }
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Rules from a table with the columns {@code head}, {@code label}, {@code keyword}, {@code boost}. */
    public static KeywordRules of(DelimitedTable table) {
        int head = table.column("head");
        int label = table.column("label");
        int keyword = table.column("keyword");
        int boost = table.column("boost");
        List<Rule> rules = new java.util.ArrayList<>();
        for (DelimitedTable.Row row : table.rows()) {
            double value;
            try {
                value = Double.parseDouble(row.fields().get(boost).strip());
            } catch (NumberFormatException e) {
                throw new MalformedFileException(
                        table.name(),
                        row.line(),
                        "the boost must be a number, got \"" + row.fields().get(boost) + "\"");
            }
            if (TextNormalizer.normalize(row.fields().get(keyword)).isEmpty()) {
                throw new MalformedFileException(table.name(), row.line(), "the keyword is empty");
            }
            rules.add(new Rule(
                    row.fields().get(head).strip(),
                    row.fields().get(label).strip(),
                    row.fields().get(keyword),
                    value));
        }
        return new KeywordRules(rules);
    }
}

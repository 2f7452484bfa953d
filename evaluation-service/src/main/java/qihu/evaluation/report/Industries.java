package qihu.evaluation.report;

import java.util.List;

/**
 * An enterprise's industry (行业, GB/T 4754 sections) told from its name: no event carries the industry (intake's
 * enterprise directory has it, but {@code Enterprise} in the events holds only the credit code and the name), while a
 * Chinese company name usually says its trade (…精密机械有限公司, …物流有限公司). The first rule with a keyword in
 * the name wins; a name matching none is {@link #UNKNOWN}. A heuristic until the events carry the directory's value.
 */
public final class Industries {

    public static final String UNKNOWN = "未识别";

    /** An industry and the words in a company name that mark it. */
    public record Rule(String industry, List<String> keywords) {}

    private final List<Rule> rules;

    public Industries(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public String of(String enterpriseName) {
        if (enterpriseName == null) {
            return UNKNOWN;
        }
        for (Rule rule : rules) {
            for (String keyword : rule.keywords()) {
                if (enterpriseName.contains(keyword)) {
                    return rule.industry();
                }
            }
        }
        return UNKNOWN;
    }
}

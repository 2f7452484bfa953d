package qihu.triage.manual;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Manual triage decisions as CSV (RFC 4180, UTF-8, a header row, every field quoted), the format
 * {@code ./qihu triage train --input FILE --text-column text --label-column board} reads; {@code complexity} and
 * {@code level} are label columns too.
 */
public final class DecisionsCsv {

    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";
    private static final String LINE_END = "\r\n";

    private record Column(String name, Function<TriageDecision, Object> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("caseId", TriageDecision::caseId),
            new Column("caseNumber", TriageDecision::caseNumber),
            new Column("requestId", TriageDecision::requestId),
            new Column("decidedAt", TriageDecision::decidedAt),
            new Column("reviewer", TriageDecision::reviewer),
            new Column("decision", TriageDecision::decision),
            new Column("text", TriageDecision::text),
            new Column("board", TriageDecision::board),
            new Column("complexity", TriageDecision::complexity),
            new Column("level", TriageDecision::level),
            new Column("suggestedBoard", TriageDecision::suggestedBoard),
            new Column("suggestedComplexity", TriageDecision::suggestedComplexity),
            new Column("suggestedLevel", TriageDecision::suggestedLevel),
            new Column("suggestedConfidence", TriageDecision::suggestedConfidence),
            new Column("modelId", TriageDecision::modelId),
            new Column("boardOverridden", TriageDecision::boardOverridden),
            new Column("complexityOverridden", TriageDecision::complexityOverridden),
            new Column("levelOverridden", TriageDecision::levelOverridden),
            new Column("mergedInto", TriageDecision::mergedInto),
            new Column("mergedIntoCaseNumber", TriageDecision::mergedIntoCaseNumber),
            new Column("comparedWith", TriageDecision::comparedWith),
            new Column("similarity", TriageDecision::similarity),
            new Column("reasons", d -> d.reasons() == null ? null : String.join("; ", d.reasons())),
            new Column("note", TriageDecision::note));

    private DecisionsCsv() {}

    public static String header() {
        return String.join(",", COLUMNS.stream().map(c -> quote(c.name())).toList()) + LINE_END;
    }

    public static String row(TriageDecision decision) {
        return String.join(
                        ",",
                        COLUMNS.stream()
                                .map(c -> quote(text(c.value().apply(decision))))
                                .toList())
                + LINE_END;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return String.format(Locale.ROOT, "%.4f", number);
        }
        return value.toString();
    }

    private static String quote(String field) {
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}

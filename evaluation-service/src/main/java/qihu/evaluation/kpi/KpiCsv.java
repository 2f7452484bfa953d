package qihu.evaluation.kpi;

import java.util.List;

/** The KPI rows as CSV for spreadsheets: one header row, one row per group, empty cells for undefined rates. */
final class KpiCsv {

    static final String HEADER = "key,received,mergedDuplicates,cases,due,closed,closedOnTime,ratings,"
            + "satisfiedRatings,resolved,reopened,resolvedLocally,closedByDefault,closureRate,onTimeClosureRate,"
            + "satisfactionRate,reopenRate,localResolutionRate,averageWorkingDaysToClose";

    private KpiCsv() {}

    static String write(List<KpiRow> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (KpiRow r : rows) {
            csv.append(String.join(
                            ",",
                            quoted(r.key()),
                            String.valueOf(r.received()),
                            String.valueOf(r.mergedDuplicates()),
                            String.valueOf(r.cases()),
                            String.valueOf(r.due()),
                            String.valueOf(r.closed()),
                            String.valueOf(r.closedOnTime()),
                            String.valueOf(r.ratings()),
                            String.valueOf(r.satisfiedRatings()),
                            String.valueOf(r.resolved()),
                            String.valueOf(r.reopened()),
                            String.valueOf(r.resolvedLocally()),
                            String.valueOf(r.closedByDefault()),
                            cell(r.closureRate()),
                            cell(r.onTimeClosureRate()),
                            cell(r.satisfactionRate()),
                            cell(r.reopenRate()),
                            cell(r.localResolutionRate()),
                            cell(r.averageWorkingDaysToClose())))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String cell(Double value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

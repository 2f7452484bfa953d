package qihu.evaluation.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import qihu.evaluation.kpi.KpiRow;

/**
 * A common-issue report (举一反三) of one period: volumes and rates, clusters of related problems, problems that
 * recur after closure, and the common issues among the clusters. The HTML, Excel and JSON files all render this.
 *
 * @param overall the KPIs of every case received in the period
 * @param clusterCount clusters of two or more related cases in the period; {@code clusters} lists the largest
 * @param commonIssueCount clusters spanning at least the configured number of enterprises or regions (counties);
 *     {@code commonIssues} lists the largest
 * @param recurrenceCount cases of the period repeating a closed case; {@code recurrences} lists the first ones
 * @param clustersByIndustry per industry (told from the enterprises' names, {@link Industries}): the clusters with a
 *     case of that industry, and their cases of that industry
 */
public record CommonIssueReport(
        String reportId,
        ReportKind kind,
        LocalDate periodStart,
        LocalDate periodEnd,
        Instant generatedAt,
        Thresholds thresholds,
        KpiRow overall,
        List<KpiRow> byBoard,
        List<KpiRow> byRegion,
        List<KpiRow> byChannel,
        int clusterCount,
        List<Cluster> clusters,
        List<GroupCount> clustersByBoard,
        List<GroupCount> clustersByRegion,
        List<GroupCount> clustersByIndustry,
        int commonIssueCount,
        List<Cluster> commonIssues,
        int recurrenceCount,
        List<Recurrence> recurrences) {

    /** What made a cluster a common issue. */
    public record Thresholds(int minEnterprises, int minRegions) {}

    /**
     * Related cases of the period (a connected component of triage's links).
     *
     * @param clusterId the number of its earliest case
     * @param board its most frequent board (服务板块)
     * @param regions the counties (GB/T 2260, 6 digits) its cases come from
     * @param industries the industries of its cases' enterprises
     * @param members its cases, the first {@code max-members-listed}; {@code size} counts all
     */
    public record Cluster(
            String clusterId,
            int size,
            int enterprises,
            List<String> keywords,
            String board,
            List<String> boards,
            List<String> regions,
            List<String> industries,
            List<Member> members) {}

    /** One case of a cluster. */
    public record Member(
            String caseId,
            String caseNumber,
            String enterprise,
            String industry,
            String regionCode,
            String board,
            String channel,
            String title,
            Instant receivedAt,
            Instant closedAt) {}

    /** How many clusters (and their cases) fall in one group: a board, a city or an industry. */
    public record GroupCount(String key, int clusters, int cases) {}

    /** A case of the period that repeats an earlier, closed case of the same enterprise. */
    public record Recurrence(
            String caseId,
            String caseNumber,
            String enterprise,
            String regionCode,
            String title,
            Instant receivedAt,
            String recurrenceOf,
            String previousCaseNumber,
            Instant previousClosedAt) {}
}

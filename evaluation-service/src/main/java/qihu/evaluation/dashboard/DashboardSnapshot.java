package qihu.evaluation.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The leaders' dashboard (领导驾驶舱) for one region and everything below it, as it stands at {@code generatedAt}.
 *
 * @param region the region shown (GB/T 2260), null for everywhere
 * @param today the day of "today's intake", in the service's zone
 * @param intakeToday requests received today, merged duplicates included
 * @param intakeTodayByChannel the same by channel
 * @param openByColour cases being handled, by the deadline's colour (GREEN, YELLOW, RED)
 * @param awaitingFeedback cases answered and waiting for the enterprise's rating
 * @param overdueTotal cases being handled past their deadline
 * @param overdue the longest overdue of them, most overdue first
 * @param regions closure and satisfaction rates of the cases received in the rates' period, per region of the tree
 *     (a county's cases also count for its city)
 * @param trend per day of the trend's period: requests received, answers given, cases closed
 * @param commonIssues the most common issues, from {@code commonIssuesSource}
 * @param commonIssuesSource what the common issues are: {@code boards} (cases per service board, until the reports'
 *     clusters feed them) or the name of the source that does
 */
public record DashboardSnapshot(
        Instant generatedAt,
        String region,
        LocalDate today,
        long intakeToday,
        Map<String, Long> intakeTodayByChannel,
        Map<String, Long> openByColour,
        long awaitingFeedback,
        long overdueTotal,
        List<OverdueCase> overdue,
        int ratesDays,
        List<RegionRates> regions,
        List<TrendDay> trend,
        List<CommonIssue> commonIssues,
        String commonIssuesSource) {

    /** A case past its deadline. */
    public record OverdueCase(
            String caseId,
            String caseNumber,
            String title,
            String regionCode,
            String departmentName,
            Instant dueAt,
            int round) {}

    /**
     * @param parent the region above, null at the top of the tree
     * @param closureRate 办结率, null without due cases
     * @param satisfactionRate 满意率, null without ratings
     */
    public record RegionRates(
            String code,
            String name,
            String parent,
            long cases,
            long due,
            long closed,
            long ratings,
            Double closureRate,
            Double onTimeClosureRate,
            Double satisfactionRate) {}

    public record TrendDay(LocalDate day, long received, long resolved, long closed) {}
}

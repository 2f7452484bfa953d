package qihu.evaluation.report;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Common-issue reports ({@code qihu.evaluation.reports.*}).
 *
 * @param commonIssueMinEnterprises a cluster spanning at least this many enterprises is a common issue
 * @param commonIssueMinRegions ... or one spanning at least this many counties
 * @param scheduled whether this instance takes part in the weekly and monthly schedule
 * @param runAfter the local time (service zone) after which Monday's weekly and the 1st's monthly report are made:
 *     late events of the last day have arrived by then
 * @param checkInterval how often an instance looks for a scheduled report not yet published
 * @param lease how long one runner has a period to itself; a runner that died is replaced after it
 * @param topClusters the largest clusters listed
 * @param maxCommonIssuesListed common issues listed with their member cases (the count covers all)
 * @param maxMembersListed member cases listed per cluster (the size counts all)
 * @param maxRecurrencesListed recurrences listed (the count covers all)
 * @param keywords keywords per cluster
 * @param keywordSample cases of the period sampled for the keywords' document frequencies
 * @param chunkBytes stored files are split into documents of at most this size (MongoDB's limit is 16 MB)
 * @param industries how an enterprise's industry is told from its name, first match wins ({@link Industries})
 */
@ConfigurationProperties("qihu.evaluation.reports")
public record ReportProperties(
        @DefaultValue("3") int commonIssueMinEnterprises,
        @DefaultValue("2") int commonIssueMinRegions,
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("01:00") LocalTime runAfter,
        @DefaultValue("10m") Duration checkInterval,
        @DefaultValue("30m") Duration lease,
        @DefaultValue("20") int topClusters,
        @DefaultValue("50") int maxCommonIssuesListed,
        @DefaultValue("200") int maxMembersListed,
        @DefaultValue("1000") int maxRecurrencesListed,
        @DefaultValue("5") int keywords,
        @DefaultValue("20000") int keywordSample,
        @DefaultValue("4194304") int chunkBytes,
        List<Industries.Rule> industries) {

    public ReportProperties {
        industries = industries == null ? List.of() : List.copyOf(industries);
    }

    ReportBuilder.Limits limits() {
        return new ReportBuilder.Limits(
                commonIssueMinEnterprises,
                commonIssueMinRegions,
                topClusters,
                maxMembersListed,
                maxRecurrencesListed,
                keywords,
                keywordSample,
                maxCommonIssuesListed);
    }
}

package qihu.evaluation.dashboard;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The leaders' dashboard ({@code qihu.evaluation.dashboard.*}).
 *
 * @param coalesce case events arriving within this time make one fresh snapshot on the open dashboards
 * @param refresh a fresh snapshot at least this often without events (deadlines pass; other instances record events)
 * @param heartbeat a comment on the event stream this often, so that proxies keep an idle stream open
 * @param trendDays days of the trend charts, today included
 * @param ratesDays closure and satisfaction rates by region are of the cases received in this many days
 * @param overdueListed how many overdue cases are listed (all are counted)
 * @param commonIssuesListed how many common issues are listed
 * @param regionNames names shown on the region tree, by GB/T 2260 code; the code where a name is missing
 */
@ConfigurationProperties("qihu.evaluation.dashboard")
public record DashboardProperties(
        @DefaultValue("300ms") Duration coalesce,
        @DefaultValue("30s") Duration refresh,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30") int trendDays,
        @DefaultValue("30") int ratesDays,
        @DefaultValue("20") int overdueListed,
        @DefaultValue("10") int commonIssuesListed,
        @DefaultValue Map<String, String> regionNames) {}

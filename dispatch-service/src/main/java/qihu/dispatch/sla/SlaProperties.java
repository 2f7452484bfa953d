package qihu.dispatch.sla;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import qihu.events.Complexity;

/**
 * Working-day budgets ({@code qihu.dispatch.sla.*}).
 *
 * @param workingDays budget per complexity (general 3, complex 7)
 * @param boardOverrides budget per service board, replacing the complexity's for general cases of that board
 * @param warnShare share of the budget used at which a task turns yellow (default 2/3)
 * @param warnDaysLeft a task also turns yellow when this many working days or fewer are left
 * @param escalateEvery working days between further escalations of an overdue task
 * @param pollInterval how often the timer poller looks for due colour changes; the most a change can be late
 * @param pollBatch timers read, fired and marked together (SLA, claim and notice timers)
 * @param openTaskCountInterval how often the running tasks' counts by colour are read for the metrics
 * @param maxExtensionDays the most working days one extension (延期) may ask for
 */
@ConfigurationProperties("qihu.dispatch.sla")
public record SlaProperties(
        Map<Complexity, Integer> workingDays,
        Map<String, Integer> boardOverrides,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("0.6667") double warnShare,
        @DefaultValue("1") int warnDaysLeft,
        @DefaultValue("1") int escalateEvery,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("500") int pollBatch,
        @DefaultValue("15s") Duration openTaskCountInterval,
        @DefaultValue("10") int maxExtensionDays) {

    public SlaProperties {
        if (workingDays == null || !workingDays.keySet().containsAll(EnumSet.allOf(Complexity.class))) {
            throw new IllegalArgumentException(
                    "qihu.dispatch.sla.working-days needs a budget for each of " + List.of(Complexity.values()));
        }
        workingDays = Map.copyOf(workingDays);
        boardOverrides = boardOverrides == null ? Map.of() : Map.copyOf(boardOverrides);
    }
}

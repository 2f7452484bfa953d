package qihu.dispatch.sla;

import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import qihu.events.Complexity;

/**
 * Working-day budgets ({@code qihu.dispatch.sla.*}).
 *
 * @param workingDays budget per complexity (general 3, complex 7)
 * @param boardOverrides budget per service board, replacing the complexity's for general cases of that board
 */
@ConfigurationProperties("qihu.dispatch.sla")
public record SlaProperties(
        Map<Complexity, Integer> workingDays,
        Map<String, Integer> boardOverrides,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {

    public SlaProperties {
        if (workingDays == null || !workingDays.keySet().containsAll(java.util.EnumSet.allOf(Complexity.class))) {
            throw new IllegalArgumentException("qihu.dispatch.sla.working-days needs a budget for each of "
                    + java.util.List.of(Complexity.values()));
        }
        workingDays = Map.copyOf(workingDays);
        boardOverrides = boardOverrides == null ? Map.of() : Map.copyOf(boardOverrides);
    }
}

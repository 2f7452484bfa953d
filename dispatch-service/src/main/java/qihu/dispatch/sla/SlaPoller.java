package qihu.dispatch.sla;

import java.time.Clock;
import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/**
 * Polls the SLA timers. Every instance may poll: {@link SlaTimers} fires each point exactly once whatever the number
 * of pollers, so no leader election is needed for correctness; a point is at most one interval late.
 */
@Component
public class SlaPoller extends PeriodicTask {

    public SlaPoller(SlaTimers timers, SlaProperties properties, Clock clock) {
        super(
                "SLA timer poll",
                properties.pollInterval(),
                () -> timers.fireDue(clock.instant(), properties.pollBatch()));
    }
}

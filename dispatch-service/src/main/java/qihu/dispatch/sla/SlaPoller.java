package qihu.dispatch.sla;

import java.time.Clock;
import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/**
 * Polls the SLA timers every {@code qihu.dispatch.sla.poll-interval}. Every instance polls; one at a time fires, under
 * the timers' lease ({@link SlaTimers#fireDue}). A point is at most one interval late.
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

package qihu.dispatch.task;

import java.time.Clock;
import org.springframework.stereotype.Component;
import qihu.dispatch.sla.SlaProperties;
import qihu.support.scheduling.PeriodicTask;

/** Polls the claim timers with the SLA timers' interval and batch; one instance at a time fires, under a lease ({@link ClaimTimeouts}). */
@Component
public class ClaimTimeoutPoller extends PeriodicTask {

    public ClaimTimeoutPoller(ClaimTimeouts timeouts, SlaProperties properties, Clock clock) {
        super(
                "claim timer poll",
                properties.pollInterval(),
                () -> timeouts.fireDue(clock.instant(), properties.pollBatch()));
    }
}

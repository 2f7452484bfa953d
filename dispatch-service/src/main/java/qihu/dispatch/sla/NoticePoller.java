package qihu.dispatch.sla;

import java.time.Clock;
import org.springframework.stereotype.Component;
import qihu.dispatch.timer.TimerProperties;
import qihu.support.scheduling.PeriodicTask;

/** Sends the notices that working hours now allow, every {@code qihu.dispatch.timers.notice-poll-interval}. */
@Component
public class NoticePoller extends PeriodicTask {

    public NoticePoller(SlaNotices notices, TimerProperties properties, SlaProperties sla, Clock clock) {
        super("notice poll", properties.noticePollInterval(), () -> notices.sendDue(clock.instant(), sla.pollBatch()));
    }
}

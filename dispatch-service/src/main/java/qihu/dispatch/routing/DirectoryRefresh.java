package qihu.dispatch.routing;

import java.time.Duration;
import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/**
 * Applies the directory entries stored by the admin API (by this or another instance, or before a restart): once at
 * start-up, before the consumers and pollers begin, then every minute.
 */
@Component
class DirectoryRefresh extends PeriodicTask {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration START_UP_LIMIT = Duration.ofSeconds(30);

    private final DirectoryAdmin admin;

    DirectoryRefresh(DirectoryAdmin admin) {
        super("stored directory refresh", INTERVAL, admin::applyStored);
        this.admin = admin;
    }

    @Override
    public void start() {
        admin.applyStored().block(START_UP_LIMIT);
        super.start();
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}

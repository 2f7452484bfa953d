package qihu.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Stops this service once the process that started it is gone. The local stack's launcher (or a test) starts the
 * services as child processes and names itself in {@value #PARENT_PID_ENV}; killed with SIGKILL, it cannot stop them,
 * and they would go on running, and retrying a broker and a store that are gone, without anyone to stop them.
 */
public final class ParentWatch implements DisposableBean {

    public static final String PARENT_PID_ENV = "QIHU_PARENT_PID";

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    private final ScheduledExecutorService checks;

    /** Checks every {@code every} whether process {@code parentPid} is alive; exits (status 3) once it is not. */
    public ParentWatch(long parentPid, Duration every, Runnable exit) {
        checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parent-watch");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(
                () -> {
                    if (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                        return;
                    }
                    log.error(
                            "the process that started this service ({} {}) is gone; stopping",
                            PARENT_PID_ENV,
                            parentPid);
                    checks.shutdown();
                    exit.run();
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}

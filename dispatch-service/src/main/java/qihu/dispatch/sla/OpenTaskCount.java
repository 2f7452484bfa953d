package qihu.dispatch.sla;

import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/**
 * Reads the running tasks' counts by colour ({@link OpenTaskCounts}, one document by key) every {@code
 * qihu.dispatch.sla.open-task-count-interval} for {@link SlaMeters}.
 */
@Component
public class OpenTaskCount extends PeriodicTask {

    public OpenTaskCount(OpenTaskCounts counts, SlaMeters meters, SlaProperties properties) {
        super(
                "open task count",
                properties.openTaskCountInterval(),
                () -> counts.read().doOnNext(meters::openTasks));
    }
}

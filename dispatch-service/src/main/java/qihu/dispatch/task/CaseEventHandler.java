package qihu.dispatch.task;

import org.springframework.stereotype.Component;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.support.messaging.EventHandler;
import reactor.core.publisher.Mono;

/** Dispatch's reactions: a new case gets its first task, a reopened case its next round. */
@Component
public class CaseEventHandler implements EventHandler {

    private final TaskService tasks;

    public CaseEventHandler(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<Void> handle(EventEnvelope<?> event) {
        if (event.payload() instanceof CaseOpened) {
            return tasks.assign((EventEnvelope<CaseOpened>) event);
        }
        if (event.payload() instanceof CaseReopened) {
            return tasks.reopen((EventEnvelope<CaseReopened>) event);
        }
        return Mono.empty();
    }
}

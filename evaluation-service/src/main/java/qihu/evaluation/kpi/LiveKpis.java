package qihu.evaluation.kpi;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.feedback.FeedbackProperties;
import reactor.core.publisher.Mono;

/**
 * The KPIs' live read model ({@link KpiReadModel}): rebuilt from the event log when the service starts, then kept up
 * with every event recorded. Until it is ready, and for as-of times before its latest event, the KPIs are folded from
 * the log instead.
 */
@Component
public class LiveKpis {

    private final LiveModel<KpiReadModel> live;

    public LiveKpis(EventLog eventLog, FeedbackProperties properties) {
        KpiCalculator calculator = new KpiCalculator(WorkingDayCalendar.bundled(), properties.zone());
        this.live = new LiveModel<>("KPI read model", eventLog, () -> new KpiReadModel(calculator));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        live.start();
    }

    /** Folds the model afresh from the log (after the log was replaced, as tests do). */
    public Mono<Void> rebuild() {
        return live.rebuild();
    }

    /**
     * The figures from the live model, or empty when it cannot answer (not ready, or an as-of time before its latest
     * event). {@code now}: the query asks for the present, so an event stamped a moment ahead of this clock (another
     * machine's) does not send it to the log.
     */
    public Optional<List<KpiRow>> compute(KpiCalculator.Query query, boolean now) {
        return live.ready().filter(model -> now || model.covers(query.asOf())).map(model -> model.compute(query));
    }
}

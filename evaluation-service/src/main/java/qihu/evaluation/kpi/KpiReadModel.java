package qihu.evaluation.kpi;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import qihu.events.CaseEvent;
import qihu.events.EventEnvelope;

/**
 * The KPIs' read model kept in memory: every case's facts, applied event by event, projected into {@link KpiColumns}
 * for the queries. Fed the events in the order they happened it gives exactly what {@link KpiCalculator} computes
 * from the log, for any as-of time not before its latest event. Thread-safe (one lock: an event costs microseconds,
 * a query over a million cases milliseconds).
 */
public final class KpiReadModel implements Consumer<EventEnvelope<?>> {

    private final KpiCalculator calculator;
    private final Map<String, CaseFacts> cases = new HashMap<>();
    private final KpiColumns columns = new KpiColumns();
    private Instant latest = Instant.MIN;

    public KpiReadModel(KpiCalculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public synchronized void accept(EventEnvelope<?> event) {
        if (!(event.payload() instanceof CaseEvent e)) {
            return;
        }
        CaseFacts c = cases.computeIfAbsent(e.caseId(), CaseFacts::new);
        c.apply(event);
        columns.put(c, calculator.derive(c));
        if (event.occurredAt().isAfter(latest)) {
            latest = event.occurredAt();
        }
    }

    /** Whether the model describes {@code asOf}: no event it holds happened after it. */
    public synchronized boolean covers(Instant asOf) {
        return !latest.isAfter(asOf);
    }

    /** The figures of {@code query}; meaningful only where {@link #covers} the query's as-of time. */
    public synchronized List<KpiRow> compute(KpiCalculator.Query query) {
        return columns.compute(query, query.within());
    }

    public synchronized int cases() {
        return columns.size();
    }
}

package qihu.dispatch.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import qihu.events.SlaColour;

/**
 * The SLA as the dashboards and alerts see it: colour changes as they fire ({@code qihu.sla.colour.changes}, RED is
 * a breach of the deadline), escalations (督办, {@code qihu.sla.escalations}), and how many running tasks are of each
 * colour right now ({@code qihu.tasks.open}, kept in the store by {@link OpenTaskCounts}, so every instance
 * reports the same total: dashboards take the max, not the sum).
 */
@Component
public class SlaMeters {

    private final Map<SlaColour, Counter> colourChanges = new EnumMap<>(SlaColour.class);
    private final Map<SlaColour, AtomicLong> openTasks = new EnumMap<>(SlaColour.class);
    private final Counter escalations;

    public SlaMeters(MeterRegistry registry) {
        for (SlaColour colour : SlaColour.values()) {
            colourChanges.put(
                    colour,
                    Counter.builder("qihu.sla.colour.changes")
                            .description("Tasks turning this colour (YELLOW: warned, RED: overdue)")
                            .tag("colour", colour.name())
                            .register(registry));
            AtomicLong open = new AtomicLong();
            openTasks.put(colour, open);
            Gauge.builder("qihu.tasks.open", open, AtomicLong::get)
                    .description("Running (assigned or claimed) tasks by SLA colour, as last counted")
                    .tag("colour", colour.name())
                    .register(registry);
        }
        escalations = Counter.builder("qihu.sla.escalations")
                .description("Escalations (督办) of overdue tasks to the supervising level")
                .register(registry);
    }

    void turned(SlaColour colour) {
        colourChanges.get(colour).increment();
    }

    void escalated() {
        escalations.increment();
    }

    /** The latest count; a colour missing from {@code counts} has no running task. */
    void openTasks(Map<SlaColour, Long> counts) {
        openTasks.forEach((colour, gauge) -> gauge.set(counts.getOrDefault(colour, 0L)));
    }
}

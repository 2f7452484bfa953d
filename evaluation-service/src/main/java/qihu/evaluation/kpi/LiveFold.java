package qihu.evaluation.kpi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import qihu.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * Keeps an in-memory read model in step with the event log: folds the whole log once ({@link #start}), then every
 * event this instance records. Events recorded while the log is being read are held back and applied afterwards,
 * unless the reading already brought them, so none is applied twice or missed.
 *
 * <p>Only this instance's events follow the first reading: with several instances of the service each model misses
 * the others' events until it is rebuilt. The service runs as one instance in the local stack.
 */
public final class LiveFold {

    /** Ids of the last events read, to recognise one whose announcement arrives just after the reading ended. */
    private static final int RECENT_IDS = 100_000;

    private final EventLog log;
    private final Consumer<EventEnvelope<?>> model;
    private List<EventEnvelope<?>> heldBack = new ArrayList<>();
    private Set<String> lastRead = Set.of();
    private volatile boolean ready;

    /** {@code log}'s recorded events must be handed to {@link #recorded} from before {@link #start} on. */
    public LiveFold(EventLog log, Consumer<EventEnvelope<?>> model) {
        this.log = log;
        this.model = model;
    }

    /** Reads the whole log into the model; the model is {@link #ready} when this completes. */
    public Mono<Void> start() {
        Set<String> readIds = new HashSet<>();
        LinkedHashSet<String> recent = new LinkedHashSet<>();
        return log.all()
                .doOnNext(event -> {
                    model.accept(event);
                    readIds.add(event.eventId());
                    recent.add(event.eventId());
                    if (recent.size() > RECENT_IDS) {
                        recent.remove(recent.iterator().next());
                    }
                })
                .then(Mono.fromRunnable(() -> {
                    synchronized (this) {
                        heldBack.stream()
                                .filter(event -> !readIds.contains(event.eventId()))
                                .forEach(model);
                        heldBack = null;
                        lastRead = recent;
                        ready = true;
                    }
                }));
    }

    public boolean ready() {
        return ready;
    }

    /** An event this instance has just recorded. */
    public void recorded(EventEnvelope<?> event) {
        synchronized (this) {
            if (!ready) {
                heldBack.add(event);
                return;
            }
            if (!lastRead.isEmpty() && lastRead.contains(event.eventId())) {
                return;
            }
        }
        model.accept(event);
    }
}

package qihu.evaluation.kpi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import qihu.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * Keeps an in-memory read model in step with the event log: folds the whole log once ({@link #start}), then every
 * event that arrives at this instance's live view. Events arriving while the log is being read are held back and
 * applied afterwards. Every event is applied once: a copy (one the reading already brought, a redelivery, a second
 * publication) is recognised by its id among the last {@value #RECENT_IDS} applied.
 */
public final class LiveFold {

    /** Ids of the last events applied, to recognise a copy; far more than the events of one poll or replay. */
    private static final int RECENT_IDS = 200_000;

    private final EventLog log;
    private final Consumer<EventEnvelope<?>> model;
    private final LinkedHashSet<String> recent = new LinkedHashSet<>();
    private List<EventEnvelope<?>> heldBack = new ArrayList<>();
    private volatile boolean ready;

    /** The events arriving at {@code log} must be handed to {@link #arrived} from before {@link #start} on. */
    public LiveFold(EventLog log, Consumer<EventEnvelope<?>> model) {
        this.log = log;
        this.model = model;
    }

    /** Reads the whole log into the model; the model is {@link #ready} when this completes. */
    public Mono<Void> start() {
        return log.all()
                .doOnNext(event -> {
                    synchronized (this) {
                        firstTime(event.eventId());
                    }
                    model.accept(event);
                })
                .then(Mono.fromRunnable(() -> {
                    synchronized (this) {
                        heldBack.stream()
                                .filter(event -> firstTime(event.eventId()))
                                .forEach(model);
                        heldBack = null;
                        ready = true;
                    }
                }));
    }

    public boolean ready() {
        return ready;
    }

    /** An event that has just arrived at the live view. */
    public void arrived(EventEnvelope<?> event) {
        synchronized (this) {
            if (!ready) {
                heldBack.add(event);
                return;
            }
            if (!firstTime(event.eventId())) {
                return;
            }
        }
        model.accept(event);
    }

    /** Remembers {@code eventId}; false if it was among the recent ones already. */
    private boolean firstTime(String eventId) {
        if (!recent.add(eventId)) {
            return false;
        }
        if (recent.size() > RECENT_IDS) {
            recent.remove(recent.iterator().next());
        }
        return true;
    }
}

package qihu.evaluation.kpi;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.events.EventEnvelope;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A read model kept in memory beside the event log: folded from the whole log by {@link #rebuild}, then fed every
 * case event as it arrives at this instance's live view, whichever instance records it ({@link LiveFold}). {@code M} applies events as a {@link Consumer}, safely from several
 * threads at once and while it is being read.
 */
public final class LiveModel<M extends Consumer<EventEnvelope<?>>> {

    private static final Logger log = LoggerFactory.getLogger(LiveModel.class);

    /** A model and the fold that feeds it, replaced together by a rebuild. */
    private record Live<M>(M model, LiveFold fold) {}

    private final String name;
    private final EventLog eventLog;
    private final Supplier<M> empty;
    private volatile Live<M> live;

    public LiveModel(String name, EventLog eventLog, Supplier<M> empty) {
        this.name = name;
        this.eventLog = eventLog;
        this.empty = empty;
        this.live = fresh();
        eventLog.follow(event -> live.fold().arrived(event));
    }

    /** Rebuilds in the background, logging the outcome: for a service that starts. */
    public void start() {
        rebuild()
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, error -> log.error("the {} could not be rebuilt from the event log", name, error));
    }

    /** Replaces the model with one folded afresh from the whole log; {@link #ready} is empty until it is done. */
    public Mono<Void> rebuild() {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            Live<M> next = fresh();
            live = next;
            return next.fold()
                    .start()
                    .doOnSuccess(done -> log.info(
                            "{} rebuilt from the event log in {} ms", name, (System.nanoTime() - started) / 1_000_000));
        });
    }

    /** The model, once it holds the whole log. */
    public Optional<M> ready() {
        Live<M> current = live;
        return current.fold().ready() ? Optional.of(current.model()) : Optional.empty();
    }

    private Live<M> fresh() {
        M model = empty.get();
        return new Live<>(model, new LiveFold(eventLog, model));
    }
}

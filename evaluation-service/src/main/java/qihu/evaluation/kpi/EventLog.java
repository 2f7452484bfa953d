package qihu.evaluation.kpi;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import qihu.events.CaseEvent;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Every case event evaluation has seen, once each (keyed by event id). The KPIs are computed from it, so any past
 * date can be recomputed and a changed definition applies to all history.
 */
@Component
public class EventLog {

    private final ReactiveMongoTemplate mongo;
    private final EventCodec codec;
    private final Sinks.Many<String> recorded = Sinks.many().multicast().directBestEffort();
    private final List<Consumer<EventEnvelope<?>>> followers = new CopyOnWriteArrayList<>();

    public EventLog(ReactiveMongoTemplate mongo, EventCodec codec) {
        this.mongo = mongo;
        this.codec = codec;
    }

    @Document(LoggedEvent.COLLECTION)
    record LoggedEvent(
            @Id String eventId, String caseId, @Indexed Instant occurredAt, String json) {
        static final String COLLECTION = "event_log";
    }

    public Mono<Void> record(EventEnvelope<?> event) {
        if (!(event.payload() instanceof CaseEvent caseEvent)) {
            return Mono.empty();
        }
        return mongo.insert(new LoggedEvent(
                        event.eventId(), caseEvent.caseId(), event.occurredAt(), codec.encodeToString(event)))
                .doOnSuccess(logged -> {
                    followers.forEach(follower -> follower.accept(event));
                    announce(caseEvent.caseId());
                })
                .then()
                .onErrorResume(DuplicateKeyException.class, redelivered -> Mono.empty());
    }

    /**
     * The case ids of events this instance records from now on, each once (a redelivery is not announced); for views
     * that follow the log live, such as the dashboard. Not a durable feed: a slow subscriber misses announcements.
     */
    public Flux<String> recorded() {
        return recorded.asFlux();
    }

    /**
     * Hands {@code follower} every event this instance records from now on, each once, on the recording thread (a
     * follower must be quick); for in-memory read models ({@link LiveFold}).
     */
    public void follow(Consumer<EventEnvelope<?>> follower) {
        followers.add(follower);
    }

    private void announce(String caseId) {
        // Consumers on several threads record at once; the sink wants one emission at a time.
        synchronized (recorded) {
            recorded.tryEmitNext(caseId);
        }
    }

    /** Every event, in the order they happened. */
    public Flux<EventEnvelope<?>> all() {
        return mongo.find(new Query().with(Sort.by("occurredAt", "_id")), LoggedEvent.class)
                .map(logged -> codec.decode(logged.json()));
    }

    /** The events up to {@code asOf}, in the order they happened. */
    public Flux<EventEnvelope<?>> upTo(Instant asOf) {
        return mongo.find(
                        Query.query(Criteria.where("occurredAt").lte(asOf)).with(Sort.by("occurredAt", "_id")),
                        LoggedEvent.class)
                .map(logged -> codec.decode(logged.json()));
    }
}

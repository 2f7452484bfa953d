package qihu.evaluation.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
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
    private final Sinks.Many<String> arrivals = Sinks.many().multicast().directBestEffort();
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

    /**
     * Stores the case events of a batch in one unordered bulk insert; one already stored (a redelivery) is kept as it
     * was, the others are stored all the same.
     */
    public Mono<Void> recordAll(List<EventEnvelope<?>> events) {
        List<LoggedEvent> logged = new ArrayList<>(events.size());
        for (EventEnvelope<?> event : events) {
            if (event.payload() instanceof CaseEvent caseEvent) {
                logged.add(new LoggedEvent(
                        event.eventId(), caseEvent.caseId(), event.occurredAt(), codec.encodeToString(event)));
            }
        }
        if (logged.isEmpty()) {
            return Mono.empty();
        }
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LoggedEvent.class)
                .insert(logged)
                .execute()
                .then()
                .onErrorResume(EventLog::onlyRedeliveries, redelivered -> Mono.empty());
    }

    private static boolean onlyRedeliveries(Throwable error) {
        if (error instanceof DuplicateKeyException) {
            return true;
        }
        return error instanceof BulkOperationException bulk
                && bulk.getErrors().stream().allMatch(e -> e.getCode() == DUPLICATE_KEY);
    }

    private static final int DUPLICATE_KEY = 11000;

    /**
     * Hands a case event that reached this instance's live view to the followers and announces its case. Called for
     * every event on the case topics, whichever instance records it (a copy included: followers drop copies).
     */
    public void arrived(EventEnvelope<?> event) {
        if (!(event.payload() instanceof CaseEvent caseEvent)) {
            return;
        }
        followers.forEach(follower -> follower.accept(event));
        announce(caseEvent.caseId());
    }

    /**
     * The case ids of events arriving at this instance's live view from now on; for views that follow the log live,
     * such as the dashboard. Not a durable feed: a slow subscriber misses announcements.
     */
    public Flux<String> arrivals() {
        return arrivals.asFlux();
    }

    /**
     * Hands {@code follower} every case event that {@link #arrived} from now on, on the arriving thread (a follower
     * must be quick); for in-memory read models ({@link LiveFold}). A copy of an event may arrive more than once.
     */
    public void follow(Consumer<EventEnvelope<?>> follower) {
        followers.add(follower);
    }

    private void announce(String caseId) {
        // Events may arrive on several threads at once; the sink wants one emission at a time.
        synchronized (arrivals) {
            arrivals.tryEmitNext(caseId);
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

package qihu.intake.callback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import qihu.intake.callback.CallbackDelivery.DeliveryState;
import qihu.intake.callback.CallbackSender.Deferred;
import qihu.intake.callback.CallbackSender.Failed;
import qihu.intake.callback.CallbackSender.Outcome;
import reactor.core.publisher.Mono;

/**
 * Sends queued answers: a new one at once, and every poll whatever is due (a deferred one, or one whose sender died).
 * An instance takes a delivery by leasing it with a conditional update, so two instances never send the same one at
 * the same time; the result is written only under that lease. A channel may still see an answer twice (the sender
 * died after the channel took it): the notice id lets it tell.
 */
public class CallbackDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    /** Sends in flight across all channels; each channel's bulkhead is smaller. */
    private static final int CONCURRENCY = 64;

    static final String DELIVERED = "qihu.callbacks.delivered";
    /** Dead-lettered: retries exhausted, or refused by the channel. */
    static final String FAILED = "qihu.callbacks.failed";
    /** Not attempted for now: the channel's breaker was open or its bulkhead full. */
    static final String DEFERRED = "qihu.callbacks.deferred";

    private final ReactiveMongoTemplate mongo;
    private final CallbackSender sender;
    private final CallbackProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public CallbackDispatcher(
            ReactiveMongoTemplate mongo,
            CallbackSender sender,
            CallbackProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Every channel's delivery counters exist from the start, at zero, so that dashboards and alerts see them. */
    public void registerMeters(Iterable<String> channels) {
        for (String channel : channels) {
            for (String counter : List.of(DELIVERED, FAILED, DEFERRED)) {
                meters.counter(counter, "channel", channel);
            }
        }
    }

    /** Tries a new delivery now without holding up the caller; if this fails, the poll will find it. */
    public void deliverSoon(String id) {
        deliver(id)
                .subscribe(null, e -> log.warn("answer {} not sent yet, the poll will retry it: {}", id, e.toString()));
    }

    /** Sends every due delivery (a batch of them); returns how many were taken. */
    public Mono<Long> deliverDue() {
        Query due =
                query(dueNow(clock.instant())).with(Sort.by("nextAttemptAt")).limit(properties.batchSize());
        due.fields().include("_id");
        return mongo.find(due, Document.class, CallbackDelivery.COLLECTION)
                .flatMap(delivery -> deliver(delivery.getString("_id")).thenReturn(1), CONCURRENCY)
                .count();
    }

    private static Criteria dueNow(Instant now) {
        return where("state")
                .is(DeliveryState.PENDING)
                .and("nextAttemptAt")
                .lte(now)
                .orOperator(where("leasedUntil").is(null), where("leasedUntil").lt(now));
    }

    /** Leases the delivery if it is still due, sends it and records the outcome. */
    Mono<Void> deliver(String id) {
        Instant now = clock.instant();
        Instant lease = now.plus(properties.lease());
        return mongo.findAndModify(
                        query(where("_id").is(id)).addCriteria(dueNow(now)),
                        new Update().set("leasedUntil", lease),
                        FindAndModifyOptions.options().returnNew(true),
                        CallbackDelivery.class)
                .flatMap(leased -> sender.send(leased).flatMap(outcome -> record(leased, lease, outcome)));
    }

    private Mono<Void> record(CallbackDelivery delivery, Instant lease, Outcome outcome) {
        Instant now = clock.instant();
        Update update = new Update()
                .unset("leasedUntil")
                .push("attempts")
                .each(outcome.attempts().toArray());
        String counter;
        if (outcome instanceof Failed failed) {
            update.set("state", DeliveryState.DEAD).set("lastError", failed.error());
            counter = FAILED;
            log.warn("answer {} to {} dead-lettered: {}", delivery.id(), delivery.channel(), failed.error());
        } else if (outcome instanceof Deferred deferred) {
            update.set("nextAttemptAt", now.plus(deferred.retryAfter()));
            counter = DEFERRED;
        } else {
            update.set("state", DeliveryState.DELIVERED).set("deliveredAt", now).unset("lastError");
            counter = DELIVERED;
        }
        meters.counter(counter, "channel", delivery.channel()).increment();
        return mongo.updateFirst(
                        query(where("_id").is(delivery.id()).and("leasedUntil").is(lease)),
                        update,
                        CallbackDelivery.class)
                .then();
    }
}

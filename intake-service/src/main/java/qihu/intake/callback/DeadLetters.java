package qihu.intake.callback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import qihu.intake.callback.CallbackDelivery.DeliveryState;
import qihu.support.web.ConflictException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The answers no retry got through, and sending them again once the channel is fixed. */
public class DeadLetters {

    private final ReactiveMongoTemplate mongo;
    private final CallbackDispatcher dispatcher;
    private final Clock clock;

    public DeadLetters(ReactiveMongoTemplate mongo, CallbackDispatcher dispatcher, Clock clock) {
        this.mongo = mongo;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Deliveries of one state (all if null), optionally of one channel or request, newest first. */
    public Flux<CallbackDelivery> list(DeliveryState state, String channel, String requestId, int limit) {
        Query query = new Query();
        if (state != null) {
            query.addCriteria(where("state").is(state));
        }
        if (channel != null) {
            query.addCriteria(where("channel").is(channel));
        }
        if (requestId != null) {
            query.addCriteria(where("requestId").is(requestId));
        }
        return mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), CallbackDelivery.class);
    }

    public Mono<CallbackDelivery> get(String id) {
        return mongo.findById(id, CallbackDelivery.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no callback delivery " + id)));
    }

    /** Puts a dead delivery back in the queue and sends it at once. 404 if unknown, 409 if it is not dead. */
    public Mono<CallbackDelivery> redrive(String id) {
        return mongo.findAndModify(
                        query(where("_id").is(id).and("state").is(DeliveryState.DEAD)),
                        backToQueue(),
                        FindAndModifyOptions.options().returnNew(true),
                        CallbackDelivery.class)
                .doOnNext(queued -> dispatcher.deliverSoon(queued.id()))
                .switchIfEmpty(get(id).flatMap(other -> Mono.error(new ConflictException(
                        "callback delivery " + id + " is " + other.state() + ", only DEAD ones are re-driven"))));
    }

    /** Re-drives every dead delivery (of one channel, if given); returns how many. */
    public Mono<Long> redriveAll(String channel) {
        return list(DeliveryState.DEAD, channel, null, Integer.MAX_VALUE)
                .concatMap(dead -> mongo.findAndModify(
                        query(where("_id").is(dead.id()).and("state").is(DeliveryState.DEAD)),
                        backToQueue(),
                        FindAndModifyOptions.options().returnNew(true),
                        CallbackDelivery.class))
                .doOnNext(queued -> dispatcher.deliverSoon(queued.id()))
                .count();
    }

    private Update backToQueue() {
        return new Update()
                .set("state", DeliveryState.PENDING)
                .set("nextAttemptAt", clock.instant())
                .inc("redrives", 1);
    }
}

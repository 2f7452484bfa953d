package qihu.dispatch.timer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * One active runner per poller across all instances: a lease document {@code _id = name} in {@value #COLLECTION},
 * taken by inserting it (a second runner fails on the duplicate key), given back when the run ends, and taken over
 * once expired when its holder died. So two pollers never fire the same timers at once; a dead holder delays timers
 * by at most the lease's length.
 */
public final class TimerLease {

    public static final String COLLECTION = "timer_leases";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration length;

    public TimerLease(ReactiveMongoTemplate mongo, Clock clock, Duration length) {
        this.mongo = mongo;
        this.clock = clock;
        this.length = length;
    }

    /** Runs {@code work} under the lease {@code name}; emits {@code idle} without running it when another holds it. */
    public <T> Mono<T> run(String name, Supplier<Mono<T>> work, T idle) {
        String holder = UUID.randomUUID().toString();
        return take(name, holder)
                .flatMap(taken -> taken
                        ? Mono.defer(work)
                                .flatMap(result -> giveBack(name, holder).thenReturn(result))
                                .switchIfEmpty(giveBack(name, holder).then(Mono.empty()))
                                .onErrorResume(e -> giveBack(name, holder).then(Mono.error(e)))
                        : Mono.just(idle));
    }

    private Mono<Boolean> take(String name, String holder) {
        Date until = Date.from(clock.instant().plus(length));
        return mongo.insert(new Document("_id", name).append("holder", holder).append("until", until), COLLECTION)
                .thenReturn(true)
                .onErrorResume(
                        DuplicateKeyException.class,
                        held -> mongo.findAndModify(
                                        query(new Criteria()
                                                .andOperator(
                                                        where("_id").is(name),
                                                        where("until").lt(Date.from(clock.instant())))),
                                        new Update().set("holder", holder).set("until", until),
                                        FindAndModifyOptions.options().returnNew(true),
                                        Document.class,
                                        COLLECTION)
                                .map(expired -> holder.equals(expired.getString("holder")))
                                .defaultIfEmpty(false));
    }

    private Mono<Void> giveBack(String name, String holder) {
        return mongo.remove(query(where("_id").is(name).and("holder").is(holder)), COLLECTION)
                .then()
                .onErrorResume(e -> Mono.empty());
    }
}

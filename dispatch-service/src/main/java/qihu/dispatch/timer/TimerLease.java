package qihu.dispatch.timer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One active runner per poller across all instances: a lease document {@code _id = name} in {@value #COLLECTION},
 * taken by inserting it (a second runner fails on the duplicate key), renewed every third of its length while the run
 * lasts, given back when the run ends, and taken over once expired when its holder died. So two pollers never fire
 * the same timers at once, however long a run takes, and a dead holder delays timers by at most the lease's length.
 * A run that finds its lease taken over (it could not renew in time) is stopped.
 */
public final class TimerLease {

    public static final String COLLECTION = "timer_leases";

    private static final Logger log = LoggerFactory.getLogger(TimerLease.class);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration length;

    public TimerLease(ReactiveMongoTemplate mongo, Clock clock, Duration length) {
        if (length.toMillis() < 3) {
            throw new IllegalArgumentException("a timer lease lasts at least 3 ms, got " + length);
        }
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
                                .takeUntilOther(lost(name, holder))
                                .flatMap(result -> giveBack(name, holder).thenReturn(result))
                                .switchIfEmpty(giveBack(name, holder).then(Mono.empty()))
                                .onErrorResume(e -> giveBack(name, holder).then(Mono.error(e)))
                        : Mono.just(idle));
    }

    /** Renews the lease every third of its length; emits once it was found taken over by another runner. */
    private Mono<String> lost(String name, String holder) {
        Duration every = length.dividedBy(3);
        return Flux.interval(every, every)
                .concatMap(tick -> mongo.updateFirst(
                                query(where("_id").is(name).and("holder").is(holder)),
                                new Update()
                                        .set("until", Date.from(clock.instant().plus(length))),
                                COLLECTION)
                        .map(renewed -> renewed.getMatchedCount() > 0)
                        // The store away: the run's own store calls fail too; the next tick tries again.
                        .onErrorReturn(true))
                .filter(renewed -> !renewed)
                .next()
                .map(gone -> {
                    log.warn("timer lease {} was taken over while its run went on; the run stops", name);
                    return name;
                });
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

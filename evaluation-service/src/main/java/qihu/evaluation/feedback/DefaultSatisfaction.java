package qihu.evaluation.feedback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.events.CaseClosed;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import reactor.core.publisher.Mono;

/**
 * Closes cases whose enterprise did not rate the answer within the window, as default satisfied (默认满意). The close
 * is one conditional update on "still awaiting a rating in this round", so it races safely with a real rating: only
 * one of them applies, and both would carry the same event id for the round's close.
 */
@Service
public class DefaultSatisfaction {

    private static final Logger log = LoggerFactory.getLogger(DefaultSatisfaction.class);
    private static final int BATCH = 500;

    private final ReactiveMongoTemplate mongo;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public DefaultSatisfaction(ReactiveMongoTemplate mongo, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /** Emits how many cases were closed. */
    public Mono<Long> closeUnrated() {
        Instant now = clock.instant();
        return mongo.find(
                        query(where("state")
                                        .is(CaseState.AWAITING_FEEDBACK)
                                        .and("ratingDueAt")
                                        .lte(now))
                                .limit(BATCH),
                        EvaluatedCase.class)
                .concatMap(c -> close(c, now))
                .count();
    }

    private Mono<EvaluatedCase> close(EvaluatedCase c, Instant now) {
        Update update = new Update()
                .set("state", CaseState.CLOSED)
                .set("closedAt", now)
                .set("closeReason", CloseReason.DEFAULT_SATISFIED);
        outbox.append(
                update,
                EventEnvelope.of(
                        EventIds.of(EventType.CASE_CLOSED, c.caseId(), c.round()),
                        now,
                        c.correlationId() == null ? c.caseId() : c.correlationId(),
                        new CaseClosed(c.caseId(), c.round(), CloseReason.DEFAULT_SATISFIED, null, now)));
        return mongo.updateFirst(
                        query(where("_id")
                                .is(c.caseId())
                                .and("state")
                                .is(CaseState.AWAITING_FEEDBACK)
                                .and("round")
                                .is(c.round())),
                        update,
                        EvaluatedCase.class)
                .filter(result -> result.getModifiedCount() == 1)
                .doOnNext(r -> log.info(
                        "case {} closed as default satisfied: no rating by {}", c.caseNumber(), c.ratingDueAt()))
                .flatMap(r -> relay.relay(EvaluatedCase.COLLECTION, c.caseId()).thenReturn(c));
    }
}

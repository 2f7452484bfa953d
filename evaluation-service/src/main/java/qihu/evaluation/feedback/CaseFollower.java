package qihu.evaluation.feedback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.evaluation.kpi.EventLog;
import qihu.events.CaseOpened;
import qihu.events.EventEnvelope;
import qihu.events.RequestMerged;
import qihu.events.TaskResolved;
import qihu.support.messaging.EventHandler;
import reactor.core.publisher.Mono;

/**
 * Keeps evaluation's cases in step with triage and dispatch. Upserts and conditions make every update idempotent
 * and order-tolerant (triage and lifecycle events travel on different topics).
 */
@Component
public class CaseFollower implements EventHandler {

    private final ReactiveMongoTemplate mongo;
    private final RatingWindow ratingWindow;
    private final EventLog eventLog;

    public CaseFollower(ReactiveMongoTemplate mongo, RatingWindow ratingWindow, EventLog eventLog) {
        this.mongo = mongo;
        this.ratingWindow = ratingWindow;
        this.eventLog = eventLog;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<?> event) {
        return eventLog.record(event).then(Mono.defer(() -> follow(event)));
    }

    private Mono<Void> follow(EventEnvelope<?> event) {
        if (event.payload() instanceof CaseOpened opened) {
            return upsert(
                    opened.caseId(),
                    new Update()
                            .setOnInsert("state", CaseState.OPEN)
                            .setOnInsert("round", 1)
                            .setOnInsert("reopenCount", 0)
                            .set("caseNumber", opened.caseNumber())
                            .set("correlationId", event.correlationId())
                            .set("channel", opened.channel())
                            .set("regionCode", opened.regionCode()));
        }
        if (event.payload() instanceof RequestMerged merged) {
            return upsert(
                    merged.caseId(),
                    new Update()
                            .setOnInsert("state", CaseState.OPEN)
                            .setOnInsert("round", 1)
                            .setOnInsert("reopenCount", 0)
                            .addToSet("mergedRequestIds", merged.requestId()));
        }
        if (event.payload() instanceof TaskResolved resolved) {
            // Only the current round's result awaits a rating; a late copy of an older round changes nothing.
            return mongo.upsert(
                            query(where("_id")
                                    .is(resolved.caseId())
                                    .and("round")
                                    .lte(resolved.round())
                                    .and("state")
                                    .ne(CaseState.CLOSED)),
                            new Update()
                                    .set("state", CaseState.AWAITING_FEEDBACK)
                                    .set("round", resolved.round())
                                    .set("reply", resolved.reply())
                                    .set("resolvedAt", resolved.resolvedAt())
                                    .set("ratingDueAt", ratingWindow.endFor(resolved.resolvedAt()))
                                    .setOnInsert("reopenCount", 0),
                            EvaluatedCase.class)
                    .then()
                    // The case exists but is closed or ahead: the upsert's insert collides with it, which means
                    // "nothing to do".
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
        }
        return Mono.empty();
    }

    private Mono<Void> upsert(String caseId, Update update) {
        return mongo.upsert(query(where("_id").is(caseId)), update, EvaluatedCase.class)
                .then();
    }
}

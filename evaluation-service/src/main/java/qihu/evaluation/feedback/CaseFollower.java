package qihu.evaluation.feedback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.evaluation.kpi.EventLog;
import qihu.events.CaseOpened;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.FeedbackRequested;
import qihu.events.RequestMerged;
import qihu.events.TaskResolved;
import qihu.support.messaging.EventBatchHandler;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps evaluation's cases in step with triage and dispatch. Upserts and conditions make every update idempotent
 * and order-tolerant (triage and lifecycle events travel on different topics).
 */
@Component
public class CaseFollower implements EventBatchHandler {

    private final ReactiveMongoTemplate mongo;
    private final RatingWindow ratingWindow;
    private final EventLog eventLog;
    private final RatingLinkIssuer links;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public CaseFollower(
            ReactiveMongoTemplate mongo,
            RatingWindow ratingWindow,
            EventLog eventLog,
            RatingLinkIssuer links,
            Outbox outbox,
            OutboxRelay relay) {
        this.mongo = mongo;
        this.ratingWindow = ratingWindow;
        this.eventLog = eventLog;
        this.links = links;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Cases whose answers are recorded at the same time within a batch; one case's answers one after the other. */
    private static final int CASES_AT_ONCE = 32;

    /**
     * Records a poll's events: one bulk insert into the log, one bulk write of the cases opened and requests merged,
     * then the answers, case by case.
     */
    @Override
    public Mono<Void> handle(List<EventEnvelope<?>> events) {
        return eventLog.recordAll(events)
                .then(openAll(events))
                .thenMany(Flux.fromIterable(answersByCase(events))
                        .flatMap(answers -> Flux.fromIterable(answers).concatMap(this::awaitRating), CASES_AT_ONCE))
                .then();
    }

    /** Upserts in one ordered bulk write; they set other fields than an answer does, so they commute with answers. */
    private Mono<Void> openAll(List<EventEnvelope<?>> events) {
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, EvaluatedCase.class);
        int upserts = 0;
        for (EventEnvelope<?> event : events) {
            if (event.payload() instanceof CaseOpened opened) {
                bulk.upsert(byId(opened.caseId()), opened(event, opened));
                upserts++;
            } else if (event.payload() instanceof RequestMerged merged) {
                bulk.upsert(byId(merged.caseId()), merged(merged));
                upserts++;
            }
        }
        return upserts == 0 ? Mono.empty() : bulk.execute().then();
    }

    private static Update opened(EventEnvelope<?> event, CaseOpened opened) {
        return new Update()
                .setOnInsert("state", CaseState.OPEN)
                .setOnInsert("round", 1)
                .setOnInsert("reopenCount", 0)
                .set("caseNumber", opened.caseNumber())
                .set("correlationId", event.correlationId())
                .set("channel", opened.channel())
                .set("regionCode", opened.regionCode())
                .set("relatedCaseIds", opened.relatedCaseIds())
                .set("recurrenceOf", opened.recurrenceOf());
    }

    private static Update merged(RequestMerged merged) {
        return new Update()
                .setOnInsert("state", CaseState.OPEN)
                .setOnInsert("round", 1)
                .setOnInsert("reopenCount", 0)
                .addToSet("mergedRequestIds", merged.requestId());
    }

    /** The batch's answers grouped by case, each case's in the order they arrived. */
    private static Collection<List<EventEnvelope<?>>> answersByCase(List<EventEnvelope<?>> events) {
        Map<String, List<EventEnvelope<?>>> byCase = new LinkedHashMap<>();
        for (EventEnvelope<?> event : events) {
            if (event.payload() instanceof TaskResolved resolved) {
                byCase.computeIfAbsent(resolved.caseId(), id -> new ArrayList<>())
                        .add(event);
            }
        }
        return byCase.values();
    }

    private Mono<Void> awaitRating(EventEnvelope<?> event) {
        return awaitRating(event, (TaskResolved) event.payload());
    }

    /**
     * The round's answer awaits a rating: the enterprise is sent a signed link (feedback.requested, through intake to
     * its channels) in the same write. Only the current round's result awaits a rating, and only once: a late copy of
     * an older round or a redelivered one changes nothing.
     */
    private Mono<Void> awaitRating(EventEnvelope<?> event, TaskResolved resolved) {
        RatingLinkIssuer.Issued link = links.issue(resolved.caseId(), resolved.round(), resolved.resolvedAt());
        Update update = new Update()
                .set("state", CaseState.AWAITING_FEEDBACK)
                .set("round", resolved.round())
                .set("reply", resolved.reply())
                .set("resolvedAt", resolved.resolvedAt())
                .set("ratingDueAt", ratingWindow.endFor(resolved.resolvedAt()))
                .set("ratingLinkRound", resolved.round())
                .set("ratingLink", link.link())
                .set("ratingLinkExpiresAt", link.expiresAt())
                .setOnInsert("reopenCount", 0);
        outbox.append(
                update,
                EventEnvelope.of(
                        EventIds.of(EventType.FEEDBACK_REQUESTED, resolved.caseId(), resolved.round()),
                        resolved.resolvedAt(),
                        event.correlationId(),
                        new FeedbackRequested(
                                resolved.caseId(), resolved.round(), link.link(), link.token(), link.expiresAt())));
        return askOnce(resolved, update, ATTEMPTS).then(relay.relay(EvaluatedCase.COLLECTION, resolved.caseId()));
    }

    /** Compare-and-set tries before a redelivery of the event is left to the binder's retry. */
    private static final int ATTEMPTS = 5;

    /**
     * Applies {@code update} if the round still awaits its question (not closed, not ahead, not asked yet). The case is
     * read by id and written back only if its outbox version is unchanged: both lookups are by a unique index's exact
     * keys, which the embedded store needs to avoid scanning every case, and the version makes it one atomic step.
     */
    private Mono<Void> askOnce(TaskResolved resolved, Update update, int attempts) {
        return mongo.findById(resolved.caseId(), Document.class, EvaluatedCase.COLLECTION)
                .flatMap(current -> {
                    if (!awaits(current, resolved.round())) {
                        return Mono.just(true);
                    }
                    return mongo.updateFirst(
                                    query(where("_id")
                                            .is(resolved.caseId())
                                            .and(Outbox.VERSION)
                                            .is(current.get(Outbox.VERSION))),
                                    update,
                                    EvaluatedCase.COLLECTION)
                            .map(result -> result.getModifiedCount() == 1);
                })
                // No case yet (the answer overtook the triage event): create it. A case created meanwhile is
                // matched by id instead (a new case awaits its first answer); two inserts at once collide: try again.
                .switchIfEmpty(Mono.defer(() -> mongo.upsert(byId(resolved.caseId()), update, EvaluatedCase.class)
                        .thenReturn(true)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false))))
                .flatMap(done -> {
                    if (done) {
                        return Mono.<Void>empty();
                    }
                    if (attempts <= 1) {
                        return Mono.error(new IllegalStateException(
                                "case " + resolved.caseId() + " kept changing while its answer was recorded"));
                    }
                    return askOnce(resolved, update, attempts - 1);
                });
    }

    private static boolean awaits(Document current, int round) {
        Number currentRound = current.get("round", Number.class);
        Number askedRound = current.get("ratingLinkRound", Number.class);
        return (currentRound == null || currentRound.intValue() <= round)
                && !CaseState.CLOSED.name().equals(current.getString("state"))
                && (askedRound == null || askedRound.intValue() < round);
    }

    private static Query byId(String caseId) {
        return query(where("_id").is(caseId));
    }
}

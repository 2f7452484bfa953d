package qihu.intake.progress;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.events.FeedbackRequested;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskClaimed;
import qihu.events.TaskResolved;
import qihu.events.TaskReturned;
import qihu.intake.callback.AnswerBack;
import qihu.intake.request.IntakeRequest;
import qihu.support.messaging.EventHandler;
import reactor.core.publisher.Mono;

/**
 * Follows triage and lifecycle events so that channels can see their request's case number and status, and hands
 * every change to {@link AnswerBack} to be told to the channels. Every update is a plain {@code $set} or an upsert,
 * so a redelivered event changes nothing. Triage and lifecycle events travel on different topics and may arrive in
 * either order: the case's status is only initialised, never reset, by the triage events.
 *
 * <p>A change and a request's link to its case may also be handled at the same moment (by two instances): both
 * update the case's progress document and read it back in one step, so the later of the two sees the other (the
 * change sees the linked request, or the link sees the change) and the channel is answered.
 */
@Component
public class CaseProgressHandler implements EventHandler {

    private static final FindAndModifyOptions UPSERT_RETURNING_NEW =
            FindAndModifyOptions.options().upsert(true).returnNew(true);

    private final ReactiveMongoTemplate mongo;
    private final AnswerBack answers;
    private final Clock clock;

    public CaseProgressHandler(ReactiveMongoTemplate mongo, AnswerBack answers, Clock clock) {
        this.mongo = mongo;
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<?> event) {
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            return linkRequest(event.eventId(), opened.requestId(), opened.caseId(), opened.caseNumber());
        }
        if (payload instanceof RequestMerged merged) {
            return linkRequest(event.eventId(), merged.requestId(), merged.caseId(), merged.caseNumber());
        }
        if (payload instanceof TaskAssigned assigned) {
            return progress(
                    event,
                    assigned.caseId(),
                    new Update()
                            .set("status", CaseStatus.ASSIGNED)
                            .set("departmentName", assigned.departmentName())
                            .set("dueAt", assigned.dueAt()));
        }
        if (payload instanceof TaskClaimed claimed) {
            return progress(event, claimed.caseId(), new Update().set("status", CaseStatus.IN_PROGRESS));
        }
        if (payload instanceof TaskReturned returned) {
            return progress(event, returned.caseId(), new Update().set("status", CaseStatus.REROUTING));
        }
        if (payload instanceof TaskResolved resolved) {
            return progress(
                    event,
                    resolved.caseId(),
                    new Update().set("status", CaseStatus.RESOLVED).set("reply", resolved.reply()));
        }
        if (payload instanceof FeedbackRequested asked) {
            // The answer's notice again, now with the link where the enterprise rates it.
            return progress(event, asked.caseId(), new Update().set("ratingLink", asked.ratingLink()));
        }
        if (payload instanceof CaseReopened reopened) {
            return progress(
                    event,
                    reopened.caseId(),
                    new Update()
                            .set("status", CaseStatus.REOPENED)
                            .unset("ratingLink")
                            .unset("closeReason")
                            .unset("rating"));
        }
        if (payload instanceof CaseClosed closed) {
            return progress(
                    event,
                    closed.caseId(),
                    new Update()
                            .set("status", CaseStatus.CLOSED)
                            .unset("ratingLink")
                            .set("closeReason", closed.reason().name())
                            .set(
                                    "rating",
                                    closed.rating() == null
                                            ? null
                                            : closed.rating().name()));
        }
        return Mono.empty();
    }

    private Mono<Void> linkRequest(String eventId, String requestId, String caseId, String caseNumber) {
        Mono<IntakeRequest> request = mongo.findAndModify(
                query(where("_id").is(requestId)),
                new Update().set("caseId", caseId).set("caseNumber", caseNumber),
                FindAndModifyOptions.options().returnNew(true),
                IntakeRequest.class);
        Mono<CaseProgress> progress = mongo.findAndModify(
                query(where("_id").is(caseId)),
                new Update()
                        .setOnInsert("status", CaseStatus.CASE_OPENED)
                        .setOnInsert("updatedAt", clock.instant())
                        .setOnInsert("lastEventId", eventId)
                        .set("caseNumber", caseNumber)
                        .addToSet("requestIds", requestId),
                UPSERT_RETURNING_NEW,
                CaseProgress.class);
        return request.singleOptional()
                .flatMap(linked -> progress.flatMap(current ->
                        linked.map(r -> answers.requestLinked(r, current)).orElse(Mono.empty())));
    }

    private Mono<Void> progress(EventEnvelope<?> event, String caseId, Update update) {
        return mongo.findAndModify(
                        query(where("_id").is(caseId)),
                        update.set("updatedAt", clock.instant()).set("lastEventId", event.eventId()),
                        UPSERT_RETURNING_NEW,
                        CaseProgress.class)
                .flatMap(answers::caseChanged);
    }
}

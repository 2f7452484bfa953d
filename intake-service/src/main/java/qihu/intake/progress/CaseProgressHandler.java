package qihu.intake.progress;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskClaimed;
import qihu.events.TaskResolved;
import qihu.events.TaskReturned;
import qihu.intake.request.IntakeRequest;
import qihu.support.messaging.EventHandler;
import reactor.core.publisher.Mono;

/**
 * Follows triage and lifecycle events so that channels can see their request's case number and status. Every
 * update is a plain {@code $set} or an upsert, so a redelivered event changes nothing. Triage and lifecycle events
 * travel on different topics and may arrive in either order: the case's status is only initialised, never reset,
 * by the triage events.
 */
@Component
public class CaseProgressHandler implements EventHandler {

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public CaseProgressHandler(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<?> event) {
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            return linkRequest(opened.requestId(), opened.caseId(), opened.caseNumber());
        }
        if (payload instanceof RequestMerged merged) {
            return linkRequest(merged.requestId(), merged.caseId(), merged.caseNumber());
        }
        if (payload instanceof TaskAssigned assigned) {
            return progress(
                    assigned.caseId(),
                    new Update()
                            .set("status", CaseStatus.ASSIGNED)
                            .set("departmentName", assigned.departmentName())
                            .set("dueAt", assigned.dueAt()));
        }
        if (payload instanceof TaskClaimed claimed) {
            return progress(claimed.caseId(), new Update().set("status", CaseStatus.IN_PROGRESS));
        }
        if (payload instanceof TaskReturned returned) {
            return progress(returned.caseId(), new Update().set("status", CaseStatus.REROUTING));
        }
        if (payload instanceof TaskResolved resolved) {
            return progress(
                    resolved.caseId(),
                    new Update().set("status", CaseStatus.RESOLVED).set("reply", resolved.reply()));
        }
        if (payload instanceof CaseReopened reopened) {
            return progress(reopened.caseId(), new Update().set("status", CaseStatus.REOPENED));
        }
        if (payload instanceof CaseClosed closed) {
            return progress(closed.caseId(), new Update().set("status", CaseStatus.CLOSED));
        }
        return Mono.empty();
    }

    private Mono<Void> linkRequest(String requestId, String caseId, String caseNumber) {
        Mono<?> request = mongo.updateFirst(
                query(where("_id").is(requestId)),
                new Update().set("caseId", caseId).set("caseNumber", caseNumber),
                IntakeRequest.class);
        Mono<?> progress = mongo.upsert(
                query(where("_id").is(caseId)),
                new Update()
                        .setOnInsert("status", CaseStatus.CASE_OPENED)
                        .setOnInsert("updatedAt", clock.instant())
                        .set("caseNumber", caseNumber),
                CaseProgress.class);
        return request.then(progress).then();
    }

    private Mono<Void> progress(String caseId, Update update) {
        return mongo.upsert(
                        query(where("_id").is(caseId)), update.set("updatedAt", clock.instant()), CaseProgress.class)
                .then();
    }
}

package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.events.CaseClosed;
import qihu.events.CaseReopened;
import qihu.events.EventEnvelope;
import qihu.events.RequestReceived;
import qihu.support.messaging.EventHandler;
import qihu.triage.triaging.TriageCase.CaseState;
import reactor.core.publisher.Mono;

/** Triage's reactions: requests are triaged; closing and reopening decide whether a case still takes duplicates. */
@Component
public class CaseStateHandler implements EventHandler {

    private final Triage triage;
    private final ReactiveMongoTemplate mongo;
    private final DedupIndexMaintenance index;

    public CaseStateHandler(Triage triage, ReactiveMongoTemplate mongo, DedupIndexMaintenance index) {
        this.triage = triage;
        this.mongo = mongo;
        this.index = index;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<Void> handle(EventEnvelope<?> event) {
        if (event.payload() instanceof RequestReceived) {
            return triage.triage((EventEnvelope<RequestReceived>) event);
        }
        if (event.payload() instanceof CaseClosed closed) {
            return setState(closed.caseId(), CaseState.CLOSED);
        }
        if (event.payload() instanceof CaseReopened reopened) {
            return setState(reopened.caseId(), CaseState.OPEN);
        }
        return Mono.empty();
    }

    private Mono<Void> setState(String caseId, CaseState state) {
        return mongo.updateFirst(query(where("_id").is(caseId)), new Update().set("state", state), TriageCase.class)
                .doOnNext(r -> index.stateChanged(caseId, state))
                .then();
    }
}

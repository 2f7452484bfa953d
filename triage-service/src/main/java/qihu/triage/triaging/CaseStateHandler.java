package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
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
    private final TriageKeys keys;

    public CaseStateHandler(Triage triage, ReactiveMongoTemplate mongo, DedupIndexMaintenance index, TriageKeys keys) {
        this.triage = triage;
        this.mongo = mongo;
        this.index = index;
        this.keys = keys;
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

    /** Changes the state (a merge racing with it fails on the revision and reads the case again). */
    private Mono<Void> setState(String caseId, CaseState state) {
        return mongo.findAndModify(
                        query(where("_id").is(caseId)),
                        new Update().set("state", state).inc(TriageCase.REVISION, 1),
                        FindAndModifyOptions.options().returnNew(true),
                        TriageCase.class)
                .flatMap(kase -> {
                    index.stateChanged(caseId, state);
                    // reopened: its exact duplicates are merged into it again
                    return state == CaseState.OPEN && kase.duplicateKey() != null
                            ? keys.openedWithKey(kase.duplicateKey(), caseId)
                            : Mono.empty();
                })
                .then();
    }
}

package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.events.CaseOpened;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventPayload;
import qihu.events.EventType;
import qihu.events.RequestMerged;
import qihu.events.RequestReceived;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import qihu.triage.dedup.ExactDuplicateKey;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.MemberRequest;
import reactor.core.publisher.Mono;

/**
 * Decides what a received request becomes: merged into the open case of the same enterprise with the same problem
 * text, or a new case. Requests are keyed by enterprise on the topic, so one enterprise's requests are triaged one
 * at a time and two duplicates cannot both open a case.
 */
@Service
public class Triage {

    private static final Logger log = LoggerFactory.getLogger(Triage.class);
    static final String EXACT_DUPLICATE = "exact duplicate: same enterprise, same normalised text, case still open";
    static final String OPENED = "opened the case";

    private final ReactiveMongoTemplate mongo;
    private final CaseNumbers caseNumbers;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final TriageProperties properties;
    private final Clock clock;

    public Triage(
            ReactiveMongoTemplate mongo,
            CaseNumbers caseNumbers,
            Outbox outbox,
            OutboxRelay relay,
            TriageProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.caseNumbers = caseNumbers;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<Void> triage(EventEnvelope<RequestReceived> event) {
        RequestReceived request = event.payload();
        return mongo.exists(query(where("requests.requestId").is(request.requestId())), TriageCase.class)
                .flatMap(alreadyTriaged -> alreadyTriaged ? Mono.<String>empty() : decide(event))
                .flatMap(caseId -> relay.relay(TriageCase.COLLECTION, caseId));
    }

    /** Emits the id of the case whose outbox got the outcome. */
    private Mono<String> decide(EventEnvelope<RequestReceived> event) {
        RequestReceived request = event.payload();
        Optional<String> key = ExactDuplicateKey.of(request.enterprise(), request.content());
        Mono<String> merged = key.map(k -> mergeIntoOpenCase(event, k)).orElse(Mono.empty());
        return merged.switchIfEmpty(Mono.defer(() -> openCase(event, key.orElse(null))));
    }

    private Mono<String> mergeIntoOpenCase(EventEnvelope<RequestReceived> event, String duplicateKey) {
        RequestReceived request = event.payload();
        return mongo.findOne(
                        query(where("duplicateKey")
                                .is(duplicateKey)
                                .and("state")
                                .is(CaseState.OPEN)),
                        TriageCase.class)
                .flatMap(master -> {
                    Instant now = clock.instant();
                    RequestMerged merged = new RequestMerged(
                            master.caseId(),
                            master.caseNumber(),
                            request.requestId(),
                            request.channel(),
                            1.0,
                            EXACT_DUPLICATE);
                    Update update = new Update()
                            .push("requests")
                            .value(new MemberRequest(
                                    request.requestId(), request.channel(), 1.0, EXACT_DUPLICATE, now));
                    outbox.append(
                            update, follow(event, EventIds.of(EventType.REQUEST_MERGED, request.requestId()), merged));
                    // The state condition makes a merge into a case closed meanwhile a no-op; a new case follows.
                    return mongo.updateFirst(
                                    query(where("_id")
                                            .is(master.caseId())
                                            .and("state")
                                            .is(CaseState.OPEN)),
                                    update,
                                    TriageCase.class)
                            .filter(result -> result.getModifiedCount() == 1)
                            .doOnNext(r -> log.info(
                                    "request {} merged into case {} ({})",
                                    request.requestId(),
                                    master.caseNumber(),
                                    EXACT_DUPLICATE))
                            .map(r -> master.caseId());
                });
    }

    private Mono<String> openCase(EventEnvelope<RequestReceived> event, String duplicateKey) {
        RequestReceived request = event.payload();
        String caseId = "case-" + request.requestId().replaceFirst("^req-", "");
        return caseNumbers.next(request.receivedAt()).flatMap(caseNumber -> {
            Instant now = clock.instant();
            CaseOpened opened = new CaseOpened(
                    caseId,
                    caseNumber,
                    request.requestId(),
                    request.channel(),
                    request.enterprise(),
                    request.regionCode(),
                    request.title(),
                    request.content(),
                    properties.defaultClassification(),
                    request.receivedAt());
            TriageCase triageCase = new TriageCase(
                    caseId,
                    caseNumber,
                    CaseState.OPEN,
                    request.enterprise(),
                    duplicateKey,
                    request.regionCode(),
                    request.title(),
                    request.content(),
                    opened.classification(),
                    List.of(new MemberRequest(request.requestId(), request.channel(), 1.0, OPENED, now)),
                    request.receivedAt(),
                    now,
                    outbox.entries(follow(event, EventIds.of(EventType.CASE_OPENED, caseId), opened)),
                    now);
            return mongo.insert(triageCase)
                    .doOnNext(c -> log.info("request {} opened case {}", request.requestId(), caseNumber))
                    .map(TriageCase::caseId)
                    // Deterministic case id: a second insert for the same request finds the first.
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(caseId));
        });
    }

    private <P extends EventPayload> EventEnvelope<P> follow(EventEnvelope<?> cause, String eventId, P payload) {
        return EventEnvelope.of(eventId, clock.instant(), cause.correlationId(), payload);
    }
}

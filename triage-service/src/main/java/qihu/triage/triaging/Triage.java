package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventPayload;
import qihu.events.EventType;
import qihu.events.RequestMerged;
import qihu.events.RequestReceived;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import qihu.triage.dedup.DedupDecision;
import qihu.triage.dedup.DedupDecision.Outcome;
import qihu.triage.dedup.DuplicateDetector;
import qihu.triage.dedup.DuplicateDetector.CaseCandidate;
import qihu.triage.dedup.DuplicateDetector.IncomingRequest;
import qihu.triage.dedup.ExactDuplicateKey;
import qihu.triage.dedup.NearDuplicateIndex;
import qihu.triage.triaging.TriageCase.BoardScore;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.ClassifierEvidence;
import qihu.triage.triaging.TriageCase.ManualTriage;
import qihu.triage.triaging.TriageCase.MemberRequest;
import qihu.triage.triaging.TriageCase.SimilarCase;
import reactor.core.publisher.Mono;

/**
 * Decides what a received request becomes: merged into the open case of the same enterprise with the same problem
 * (exactly the same text, or reworded: see {@link DuplicateDetector}), or a new case, classified, linked to related
 * cases or to the closed case it repeats, and flagged for a person when the duplicate check or the classifier is
 * unsure. Requests are keyed by enterprise on the topic, so one enterprise's requests are triaged one at a time and two
 * duplicates cannot both open a case.
 *
 * <p>The same enterprise's cases are read from the store for every request (the store is the truth, whatever instance
 * opened them); other enterprises' similar cases come from this instance's near-duplicate index.
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
    private final DuplicateDetector detector;
    private final DedupIndexMaintenance index;
    private final CaseClassifier classifier;
    private final TriageMeters meters;

    public Triage(
            ReactiveMongoTemplate mongo,
            CaseNumbers caseNumbers,
            Outbox outbox,
            OutboxRelay relay,
            TriageProperties properties,
            Clock clock,
            DuplicateDetector detector,
            DedupIndexMaintenance index,
            CaseClassifier classifier,
            MeterRegistry meterRegistry) {
        this.mongo = mongo;
        this.caseNumbers = caseNumbers;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
        this.detector = detector;
        this.index = index;
        this.classifier = classifier;
        this.meters = new TriageMeters(meterRegistry);
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
        Mono<String> merged = key.map(k -> mergeIntoExactDuplicate(event, k)).orElse(Mono.empty());
        return merged.switchIfEmpty(Mono.defer(() -> nearDuplicates(event, key.orElse(null))));
    }

    private Mono<String> mergeIntoExactDuplicate(EventEnvelope<RequestReceived> event, String duplicateKey) {
        return mongo.findOne(
                        query(where("duplicateKey")
                                .is(duplicateKey)
                                .and("state")
                                .is(CaseState.OPEN)),
                        TriageCase.class)
                .flatMap(master -> mergeRequest(
                        master,
                        event.payload().requestId(),
                        event.payload().channel(),
                        1.0,
                        EXACT_DUPLICATE,
                        event.correlationId(),
                        TriageMeters.Match.EXACT));
    }

    private Mono<String> nearDuplicates(EventEnvelope<RequestReceived> event, String duplicateKey) {
        RequestReceived request = event.payload();
        IncomingRequest incoming = incoming(request);
        return candidates(incoming).flatMap(cases -> {
            DedupDecision decision = detector.decide(
                    incoming, cases.values().stream().map(Triage::candidateOf).toList());
            if (decision.outcome() == Outcome.DUPLICATE) {
                TriageCase master = cases.get(decision.caseId());
                if (master.state() == CaseState.AWAITING_TRIAGE) {
                    // Only an open case takes duplicates; the person deciding the first sees the second.
                    return openCase(
                            event,
                            duplicateKey,
                            decision,
                            "possible duplicate of " + master.caseId() + ", which waits for manual triage itself: "
                                    + decision.reason());
                }
                return mergeRequest(
                                master,
                                request.requestId(),
                                request.channel(),
                                decision.score(),
                                decision.reason(),
                                event.correlationId(),
                                TriageMeters.Match.NEAR)
                        // closed meanwhile: the request opens a case of its own
                        .switchIfEmpty(Mono.defer(() -> openCase(event, duplicateKey, decision, null)));
            }
            String doubt = decision.outcome() == Outcome.UNCERTAIN
                    ? "possible duplicate of " + decision.caseId() + ": " + decision.reason()
                    : null;
            return openCase(event, duplicateKey, decision, doubt);
        });
    }

    /** The enterprise's most recent cases from the store, and the index's similar cases of other enterprises. */
    private Mono<Map<String, TriageCase>> candidates(IncomingRequest request) {
        Mono<List<TriageCase>> sameEnterprise = request.enterpriseUscc() == null
                ? Mono.just(List.of())
                : mongo.find(
                                // a merged case's request is in the case it was merged into
                                query(where("enterprise.uscc")
                                                .is(request.enterpriseUscc())
                                                .and("state")
                                                .ne(CaseState.MERGED))
                                        .with(Sort.by(Sort.Direction.DESC, "receivedAt"))
                                        .limit(properties.dedup().maxSameEnterpriseCases()),
                                TriageCase.class)
                        .collectList();
        List<String> similar = detector.candidates(request).stream()
                .filter(hit -> !hit.sameEnterprise())
                .map(NearDuplicateIndex.Hit::caseId)
                .toList();
        Mono<List<TriageCase>> others = similar.isEmpty()
                ? Mono.just(List.of())
                : mongo.find(query(where("_id").in(similar)), TriageCase.class).collectList();
        return Mono.zip(sameEnterprise, others).map(both -> {
            Map<String, TriageCase> cases = new LinkedHashMap<>();
            for (TriageCase kase : both.getT1()) {
                cases.put(kase.caseId(), kase);
            }
            for (TriageCase kase : both.getT2()) {
                cases.putIfAbsent(kase.caseId(), kase);
            }
            return cases;
        });
    }

    /**
     * Makes a request a member of an open case on a person's decision (see {@link #mergeRequest(TriageCase, String,
     * String, double, String, String, TriageMeters.Match)}).
     */
    public Mono<String> mergeRequest(
            TriageCase master, String requestId, String channel, double score, String reason, String correlationId) {
        return mergeRequest(master, requestId, channel, score, reason, correlationId, TriageMeters.Match.MANUAL);
    }

    /**
     * Makes a request a member of an open case, with request.merged in the case's outbox in the same update. Emits the
     * case's id once the request is a member (now or already: a repeated merge changes nothing), nothing if the case
     * is not open.
     */
    private Mono<String> mergeRequest(
            TriageCase master,
            String requestId,
            String channel,
            double score,
            String reason,
            String correlationId,
            TriageMeters.Match match) {
        Instant now = clock.instant();
        RequestMerged merged =
                new RequestMerged(master.caseId(), master.caseNumber(), requestId, channel, score, reason);
        Update update = new Update().push("requests").value(new MemberRequest(requestId, channel, score, reason, now));
        outbox.append(
                update, EventEnvelope.of(EventIds.of(EventType.REQUEST_MERGED, requestId), now, correlationId, merged));
        // The state condition makes a merge into a case closed meanwhile a no-op; a new case follows.
        return mongo.updateFirst(
                        query(where("_id")
                                .is(master.caseId())
                                .and("state")
                                .is(CaseState.OPEN)
                                .and("requests.requestId")
                                .ne(requestId)),
                        update,
                        TriageCase.class)
                .flatMap(result -> {
                    if (result.getModifiedCount() == 1) {
                        meters.merged(match).increment();
                        return Mono.just(true);
                    }
                    return mongo.exists(
                            query(where("_id")
                                    .is(master.caseId())
                                    .and("requests.requestId")
                                    .is(requestId)),
                            TriageCase.class);
                })
                .filter(member -> member)
                .doOnNext(r -> log.info(
                        "request {} merged into case {} (score {}: {})",
                        requestId,
                        master.caseNumber(),
                        String.format("%.2f", score),
                        reason))
                .map(r -> master.caseId());
    }

    /**
     * A new case, classified. When a person should look at it first (a possible duplicate, an unsure classifier, an
     * enterprise known by name only) and {@code qihu.triage.manual.hold} is on, it waits in the manual triage queue:
     * stored, numbered, but not published and not in the index until a person opens it.
     *
     * @param duplicateDoubt why it may be a duplicate after all; null if dedup is sure it is not
     */
    private Mono<String> openCase(
            EventEnvelope<RequestReceived> event, String duplicateKey, DedupDecision decision, String duplicateDoubt) {
        RequestReceived request = event.payload();
        String caseId = "case-" + request.requestId().replaceFirst("^req-", "");
        CaseClassifier.Result classified = classifier.classify(request.title(), request.content());
        List<SimilarCase> related = decision.evidence().stream()
                .filter(match -> match.verdict() == Outcome.RELATED)
                .map(Triage::similar)
                .toList();
        List<String> reasons = new ArrayList<>();
        List<TriageMeters.ManualReason> manualReasons = new ArrayList<>();
        if (duplicateDoubt != null) {
            reasons.add(duplicateDoubt);
            manualReasons.add(TriageMeters.ManualReason.POSSIBLE_DUPLICATE);
        }
        if (!classified.confident(properties.classifier().minConfidence())) {
            manualReasons.add(TriageMeters.ManualReason.CLASSIFIER_UNSURE);
            reasons.add(String.format(
                    "classifier unsure: board %s at confidence %.2f, below %.2f",
                    classified.classification().board(),
                    classified.classification().confidence(),
                    properties.classifier().minConfidence()));
        }
        if (request.enterprise() == null || !request.enterprise().identified()) {
            manualReasons.add(TriageMeters.ManualReason.ENTERPRISE_UNIDENTIFIED);
            reasons.add("enterprise not identified: no credit code"
                    + (request.enterprise() == null
                            ? ""
                            : ", known by name only (" + request.enterprise().name() + ")"));
        }
        ManualTriage manualTriage = reasons.isEmpty()
                ? null
                : new ManualTriage(
                        reasons,
                        decision.evidence().stream().map(Triage::similar).toList(),
                        event.correlationId(),
                        null);
        boolean hold = manualTriage != null && properties.manual().hold();
        String recurrenceOf = decision.outcome() == Outcome.RECURRENCE ? decision.caseId() : null;
        String openedReason = recurrenceOf == null ? OPENED : OPENED + "; repeats closed case " + recurrenceOf;
        return caseNumbers.next(request.receivedAt()).flatMap(caseNumber -> {
            Instant now = clock.instant();
            TriageCase held = new TriageCase(
                    caseId,
                    caseNumber,
                    CaseState.AWAITING_TRIAGE,
                    request.enterprise(),
                    duplicateKey,
                    request.regionCode(),
                    request.title(),
                    request.content(),
                    classified.classification(),
                    classified.modelId() == null
                            ? null
                            : new ClassifierEvidence(
                                    classified.modelId(),
                                    classified.topBoards().stream()
                                            .map(s -> new BoardScore(s.label(), s.probability()))
                                            .toList()),
                    related,
                    recurrenceOf,
                    manualTriage,
                    List.of(new MemberRequest(request.requestId(), request.channel(), 1.0, openedReason, now)),
                    request.receivedAt(),
                    null,
                    List.of(),
                    null,
                    null);
            TriageCase triageCase = hold
                    ? held
                    : held.openedNow(
                            now,
                            outbox.entries(follow(
                                    event,
                                    EventIds.of(EventType.CASE_OPENED, caseId),
                                    held.openedEvent(held.classification()))));
            return mongo.insert(triageCase)
                    .doOnNext(c -> {
                        if (!hold) {
                            index.remember(c);
                        }
                        meters.opened(decision.outcome()).increment();
                        manualReasons.forEach(why -> meters.manual(why).increment());
                        meters.classified(c.classification().confidence());
                        log.info(
                                "request {} {} case {} ({}{})",
                                request.requestId(),
                                hold ? "holds for manual triage" : "opened",
                                caseNumber,
                                decision.outcome(),
                                manualTriage == null ? "" : ": " + String.join("; ", reasons));
                    })
                    .map(TriageCase::caseId)
                    // Deterministic case id: a second insert for the same request finds the first.
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(caseId));
        });
    }

    private static SimilarCase similar(DedupDecision.Match match) {
        return new SimilarCase(match.caseId(), match.verdict().name(), match.score(), match.reason());
    }

    private static IncomingRequest incoming(RequestReceived request) {
        return new IncomingRequest(
                request.requestId(),
                request.enterprise() == null || !request.enterprise().identified()
                        ? null
                        : request.enterprise().uscc(),
                request.enterprise() == null ? null : request.enterprise().name(),
                request.content(),
                request.receivedAt());
    }

    /** What the duplicate detector compares of a stored case (whatever its state). */
    public static CaseCandidate candidateOf(TriageCase kase) {
        return new CaseCandidate(
                kase.caseId(),
                kase.enterprise() == null ? null : kase.enterprise().uscc(),
                kase.enterprise() == null ? null : kase.enterprise().name(),
                kase.content() == null ? "" : kase.content(),
                kase.receivedAt(),
                // A waiting case is compared as if open: a duplicate of it waits for the same person.
                kase.state() == CaseState.OPEN || kase.state() == CaseState.AWAITING_TRIAGE);
    }

    private <P extends EventPayload> EventEnvelope<P> follow(EventEnvelope<?> cause, String eventId, P payload) {
        return EventEnvelope.of(eventId, clock.instant(), cause.correlationId(), payload);
    }
}

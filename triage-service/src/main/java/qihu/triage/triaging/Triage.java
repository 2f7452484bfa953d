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
import qihu.events.CaseOpened;
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
                .flatMap(master -> merge(event, master, 1.0, EXACT_DUPLICATE, TriageMeters.Match.EXACT));
    }

    private Mono<String> nearDuplicates(EventEnvelope<RequestReceived> event, String duplicateKey) {
        RequestReceived request = event.payload();
        IncomingRequest incoming = incoming(request);
        return candidates(incoming).flatMap(cases -> {
            DedupDecision decision = detector.decide(
                    incoming, cases.values().stream().map(Triage::candidateOf).toList());
            if (decision.outcome() == Outcome.DUPLICATE) {
                TriageCase master = cases.get(decision.caseId());
                return merge(event, master, decision.score(), decision.reason(), TriageMeters.Match.NEAR)
                        // closed meanwhile: the request opens a case of its own
                        .switchIfEmpty(Mono.defer(() -> openCase(event, duplicateKey, decision)));
            }
            return openCase(event, duplicateKey, decision);
        });
    }

    /** The enterprise's most recent cases from the store, and the index's similar cases of other enterprises. */
    private Mono<Map<String, TriageCase>> candidates(IncomingRequest request) {
        Mono<List<TriageCase>> sameEnterprise = request.enterpriseUscc() == null
                ? Mono.just(List.of())
                : mongo.find(
                                query(where("enterprise.uscc").is(request.enterpriseUscc()))
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

    private Mono<String> merge(
            EventEnvelope<RequestReceived> event,
            TriageCase master,
            double score,
            String reason,
            TriageMeters.Match match) {
        RequestReceived request = event.payload();
        Instant now = clock.instant();
        RequestMerged merged = new RequestMerged(
                master.caseId(), master.caseNumber(), request.requestId(), request.channel(), score, reason);
        Update update = new Update()
                .push("requests")
                .value(new MemberRequest(request.requestId(), request.channel(), score, reason, now));
        outbox.append(update, follow(event, EventIds.of(EventType.REQUEST_MERGED, request.requestId()), merged));
        // The state condition makes a merge into a case closed meanwhile a no-op; a new case follows.
        return mongo.updateFirst(
                        query(where("_id").is(master.caseId()).and("state").is(CaseState.OPEN)),
                        update,
                        TriageCase.class)
                .filter(result -> result.getModifiedCount() == 1)
                .doOnNext(r -> meters.merged(match).increment())
                .doOnNext(r -> log.info(
                        "request {} merged into case {} (score {}: {})",
                        request.requestId(),
                        master.caseNumber(),
                        String.format("%.2f", score),
                        reason))
                .map(r -> master.caseId());
    }

    private Mono<String> openCase(EventEnvelope<RequestReceived> event, String duplicateKey, DedupDecision decision) {
        RequestReceived request = event.payload();
        String caseId = "case-" + request.requestId().replaceFirst("^req-", "");
        CaseClassifier.Result classified = classifier.classify(request.title(), request.content());
        List<SimilarCase> related = decision.evidence().stream()
                .filter(match -> match.verdict() == Outcome.RELATED)
                .map(Triage::similar)
                .toList();
        List<String> reasons = new ArrayList<>();
        List<TriageMeters.ManualReason> manualReasons = new ArrayList<>();
        if (decision.outcome() == Outcome.UNCERTAIN) {
            reasons.add("possible duplicate of " + decision.caseId() + ": " + decision.reason());
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
        ManualTriage manualTriage = reasons.isEmpty()
                ? null
                : new ManualTriage(
                        reasons,
                        decision.evidence().stream().map(Triage::similar).toList());
        String recurrenceOf = decision.outcome() == Outcome.RECURRENCE ? decision.caseId() : null;
        String openedReason = recurrenceOf == null ? OPENED : OPENED + "; repeats closed case " + recurrenceOf;
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
                    classified.classification(),
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
                    now,
                    outbox.entries(follow(event, EventIds.of(EventType.CASE_OPENED, caseId), opened)),
                    now);
            return mongo.insert(triageCase)
                    .doOnNext(c -> {
                        index.remember(c);
                        meters.opened(decision.outcome()).increment();
                        manualReasons.forEach(why -> meters.manual(why).increment());
                        meters.classified(c.classification().confidence());
                        log.info(
                                "request {} opened case {} ({}{})",
                                request.requestId(),
                                caseNumber,
                                decision.outcome(),
                                manualTriage == null ? "" : ", for manual triage");
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

    /** What the duplicate detector compares of a stored case. */
    static CaseCandidate candidateOf(TriageCase kase) {
        return new CaseCandidate(
                kase.caseId(),
                kase.enterprise() == null ? null : kase.enterprise().uscc(),
                kase.enterprise() == null ? null : kase.enterprise().name(),
                kase.content() == null ? "" : kase.content(),
                kase.receivedAt(),
                kase.state() == CaseState.OPEN);
    }

    private <P extends EventPayload> EventEnvelope<P> follow(EventEnvelope<?> cause, String eventId, P payload) {
        return EventEnvelope.of(eventId, clock.instant(), cause.correlationId(), payload);
    }
}

package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
 * <p>Every store access is by key ({@link TriageKeys}): the request's claim (the redelivery guard), the case last
 * opened with the same exact-duplicate key, and the enterprise's recent cases, then the cases themselves by id; other
 * enterprises' similar cases come from this instance's near-duplicate index. A merge is a conditional update on the
 * case's id and revision. The store is the truth, whatever instance opened the cases.
 */
@Service
public class Triage {

    private static final Logger log = LoggerFactory.getLogger(Triage.class);
    static final String EXACT_DUPLICATE = "exact duplicate: same enterprise, same normalised text, case still open";
    static final String OPENED = "opened the case";
    /** Attempts of a merge while the case keeps changing under it (another merge, a close). */
    static final int MERGE_ATTEMPTS = 8;

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
    private final TriageKeys keys;

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
            MeterRegistry meterRegistry,
            TriageKeys keys) {
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
        this.keys = keys;
    }

    public Mono<Void> triage(EventEnvelope<RequestReceived> event) {
        String requestId = event.payload().requestId();
        return keys.caseOfRequest(requestId)
                .flatMap(claimed -> resume(event, claimed))
                .switchIfEmpty(Mono.defer(() -> decide(event, new Claim(requestId, false))))
                // claimed meanwhile by another attempt: finish what it started, or take over
                .onErrorResume(
                        TriageKeys.AlreadyClaimed.class,
                        e -> keys.caseOfRequest(requestId).flatMap(claimed -> resume(event, claimed)))
                .flatMap(caseId -> relay.relay(TriageCase.COLLECTION, caseId));
    }

    /**
     * A request triaged before (or being triaged): if it is a member of the case it was claimed for, or of the case it
     * would have opened (its merge target was closed meanwhile), that case is the outcome and nothing is written.
     * Otherwise the earlier attempt stopped between the claim and the case, published nothing, and the request is
     * triaged again.
     */
    private Mono<String> resume(EventEnvelope<RequestReceived> event, String claimedCaseId) {
        String requestId = event.payload().requestId();
        return mongo.find(query(where("_id").in(claimedCaseId, caseIdOf(requestId))), TriageCase.class)
                .filter(kase -> kase.hasMember(requestId))
                .next()
                .map(TriageCase::caseId)
                .switchIfEmpty(Mono.defer(() -> decide(event, new Claim(requestId, true))));
    }

    /**
     * The request's claim in {@value TriageKeys#REQUEST_CASES}, written before the case it points to. The first write
     * of a first attempt is an insert, so that a second attempt at the same time stops; later ones overwrite.
     */
    private final class Claim {
        private final String requestId;
        private boolean held;

        Claim(String requestId, boolean held) {
            this.requestId = requestId;
            this.held = held;
        }

        Mono<Void> to(String caseId) {
            if (held) {
                return keys.pointRequest(requestId, caseId);
            }
            return keys.claimRequest(requestId, caseId).doOnSuccess(done -> held = true);
        }
    }

    /** Emits the id of the case whose outbox got the outcome. */
    private Mono<String> decide(EventEnvelope<RequestReceived> event, Claim claim) {
        RequestReceived request = event.payload();
        Optional<String> key = ExactDuplicateKey.of(request.enterprise(), request.content());
        Mono<String> merged =
                key.map(k -> mergeIntoExactDuplicate(event, k, claim)).orElse(Mono.empty());
        return merged.switchIfEmpty(Mono.defer(() -> nearDuplicates(event, key.orElse(null), claim)));
    }

    private Mono<String> mergeIntoExactDuplicate(
            EventEnvelope<RequestReceived> event, String duplicateKey, Claim claim) {
        return keys.caseWithKey(duplicateKey)
                .flatMap(caseId -> mongo.findById(caseId, TriageCase.class))
                .filter(master -> master.state() == CaseState.OPEN)
                .flatMap(master -> claim.to(master.caseId())
                        .then(mergeRequest(
                                master,
                                event.payload().requestId(),
                                event.payload().channel(),
                                1.0,
                                EXACT_DUPLICATE,
                                event.correlationId(),
                                TriageMeters.Match.EXACT)));
    }

    private Mono<String> nearDuplicates(EventEnvelope<RequestReceived> event, String duplicateKey, Claim claim) {
        RequestReceived request = event.payload();
        DuplicateDetector.Probe probe = detector.probe(incoming(request));
        return candidates(probe).flatMap(cases -> {
            DedupDecision decision = detector.decide(
                    probe, cases.values().stream().map(Triage::candidateOf).toList());
            if (decision.outcome() == Outcome.DUPLICATE) {
                TriageCase master = cases.get(decision.caseId());
                if (master.state() == CaseState.AWAITING_TRIAGE) {
                    // Only an open case takes duplicates; the person deciding the first sees the second.
                    return openCase(
                            event,
                            duplicateKey,
                            decision,
                            "possible duplicate of " + master.caseId() + ", which waits for manual triage itself: "
                                    + decision.reason(),
                            claim,
                            probe);
                }
                return claim.to(master.caseId())
                        .then(mergeRequest(
                                master,
                                request.requestId(),
                                request.channel(),
                                decision.score(),
                                decision.reason(),
                                event.correlationId(),
                                TriageMeters.Match.NEAR))
                        // closed meanwhile: the request opens a case of its own
                        .switchIfEmpty(Mono.defer(() -> openCase(event, duplicateKey, decision, null, claim, probe)));
            }
            String doubt = decision.outcome() == Outcome.UNCERTAIN
                    ? "possible duplicate of " + decision.caseId() + ": " + decision.reason()
                    : null;
            return openCase(event, duplicateKey, decision, doubt, claim, probe);
        });
    }

    /**
     * The enterprise's most recent cases (by {@value TriageKeys#ENTERPRISE_CASES}, read by id), and the index's similar
     * cases of other enterprises.
     */
    private Mono<Map<String, TriageCase>> candidates(DuplicateDetector.Probe probe) {
        IncomingRequest request = probe.request();
        Mono<List<TriageCase>> sameEnterprise = request.enterpriseUscc() == null
                ? Mono.just(List.of())
                : keys.recentCases(request.enterpriseUscc())
                        .flatMap(ids -> ids.isEmpty()
                                ? Mono.just(List.<TriageCase>of())
                                : mongo.find(query(where("_id").in(new LinkedHashSet<>(ids))), TriageCase.class)
                                        // a merged case's request is in the case it was merged into
                                        .filter(kase -> kase.state() != CaseState.MERGED)
                                        .sort(Comparator.comparing(
                                                        TriageCase::receivedAt,
                                                        Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                                                .reversed())
                                        .take(properties.dedup().maxSameEnterpriseCases())
                                        .collectList());
        List<String> similar = detector.candidates(probe).stream()
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
        return mergeRequest(master, requestId, channel, score, reason, correlationId, match, MERGE_ATTEMPTS);
    }

    /**
     * One attempt: the case as read decides (open? a member already?), and the update applies only if the case is
     * still at the revision read; if it changed meanwhile (closed, another request merged), it is read again.
     */
    private Mono<String> mergeRequest(
            TriageCase master,
            String requestId,
            String channel,
            double score,
            String reason,
            String correlationId,
            TriageMeters.Match match,
            int attemptsLeft) {
        if (master.hasMember(requestId)) {
            return Mono.just(master.caseId());
        }
        if (master.state() != CaseState.OPEN) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        RequestMerged merged =
                new RequestMerged(master.caseId(), master.caseNumber(), requestId, channel, score, reason);
        Update update = new Update()
                .push("requests")
                .value(new MemberRequest(requestId, channel, score, reason, now))
                .inc(TriageCase.REVISION, 1);
        outbox.append(
                update, EventEnvelope.of(EventIds.of(EventType.REQUEST_MERGED, requestId), now, correlationId, merged));
        return mongo.updateFirst(atRevision(master), update, TriageCase.class).flatMap(result -> {
            if (result.getModifiedCount() == 1) {
                meters.merged(match).increment();
                log.info(
                        "request {} merged into case {} (score {}: {})",
                        requestId,
                        master.caseNumber(),
                        String.format("%.2f", score),
                        reason);
                return Mono.just(master.caseId());
            }
            if (attemptsLeft <= 1) {
                return Mono.error(new IllegalStateException("case " + master.caseId() + " changed " + MERGE_ATTEMPTS
                        + " times while request " + requestId + " was being merged into it; retried later"));
            }
            return mongo.findById(master.caseId(), TriageCase.class)
                    .flatMap(reread -> mergeRequest(
                            reread, requestId, channel, score, reason, correlationId, match, attemptsLeft - 1));
        });
    }

    /**
     * The case by id and the revision it was read at: answered by the unique index on both. A case stored before
     * revisions existed is matched by the field's absence (a scan, once: the update sets the field).
     */
    public static Query atRevision(TriageCase kase) {
        Criteria byId = where("_id").is(kase.caseId());
        return query(
                kase.revision() == null
                        ? byId.and(TriageCase.REVISION).exists(false)
                        : byId.and(TriageCase.REVISION).is(kase.revision()));
    }

    /**
     * A new case, classified. When a person should look at it first (a possible duplicate, an unsure classifier, an
     * enterprise known by name only) and {@code qihu.triage.manual.hold} is on, it waits in the manual triage queue:
     * stored, numbered, but not published and not in the index until a person opens it.
     *
     * @param duplicateDoubt why it may be a duplicate after all; null if dedup is sure it is not
     * @param probe the request as dedup analysed it, indexed as the new case's text
     */
    private Mono<String> openCase(
            EventEnvelope<RequestReceived> event,
            String duplicateKey,
            DedupDecision decision,
            String duplicateDoubt,
            Claim claim,
            DuplicateDetector.Probe probe) {
        RequestReceived request = event.payload();
        String caseId = caseIdOf(request.requestId());
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
                    null,
                    0L);
            TriageCase triageCase = hold
                    ? held
                    : held.openedNow(
                            now,
                            outbox.entries(follow(
                                    event,
                                    EventIds.of(EventType.CASE_OPENED, caseId),
                                    held.openedEvent(held.classification()))));
            Mono<Void> openKey = hold || duplicateKey == null ? Mono.empty() : keys.openedWithKey(duplicateKey, caseId);
            Mono<Void> enterpriseKey =
                    request.enterprise() == null || !request.enterprise().identified()
                            ? Mono.empty()
                            : keys.enterpriseCase(request.enterprise().uscc(), caseId);
            Mono<Void> openedKey = hold ? Mono.empty() : keys.opened(caseId, triageCase.openedAt());
            // the keys first: a crash before the insert leaves keys to a missing case, which readers skip
            return claim.to(caseId)
                    .then(Mono.when(openKey, enterpriseKey, openedKey))
                    .then(mongo.insert(triageCase))
                    .doOnNext(c -> {
                        if (!hold) {
                            index.remember(c, probe);
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

    /** The case a request opens: derived from its id, so that a second attempt cannot open a second case. */
    public static String caseIdOf(String requestId) {
        return "case-" + requestId.replaceFirst("^req-", "");
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

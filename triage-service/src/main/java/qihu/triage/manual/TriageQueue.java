package qihu.triage.manual;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.events.Classification;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import qihu.support.web.ConflictException;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import qihu.triage.dedup.DuplicateDetector;
import qihu.triage.dedup.DuplicateDetector.IncomingRequest;
import qihu.triage.triaging.DedupIndexMaintenance;
import qihu.triage.triaging.Triage;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageCase.CaseState;
import qihu.triage.triaging.TriageCase.Choice;
import qihu.triage.triaging.TriageCase.Decision;
import qihu.triage.triaging.TriageCase.MemberRequest;
import qihu.triage.triaging.TriageCase.SimilarCase;
import qihu.triage.triaging.TriageKeys;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The manual triage queue (人工分拨队列): cases a person has to look at before they are published, oldest first, and
 * the person's decision on each: open it (with the suggested or a corrected classification) or merge its request into
 * an open case of the same enterprise. Every decision is also kept in {@value TriageDecision#COLLECTION} as training
 * data.
 *
 * <p>No transactions: each step is one conditional document update carrying its events in the document's outbox, and
 * the steps are ordered so that an interrupted decision loses nothing and a repeated one changes nothing. A merge
 * first makes the request a member of the target (only if it is not one yet), then marks the waiting case merged; an
 * interrupted merge is finished by deciding MERGE again.
 */
@Service
public class TriageQueue {

    private static final Logger log = LoggerFactory.getLogger(TriageQueue.class);
    /** A person's classification is certain as far as the system can tell. */
    static final double PERSON_CONFIDENCE = 1.0;

    private final ReactiveMongoTemplate mongo;
    private final Triage triage;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DedupIndexMaintenance index;
    private final DuplicateDetector detector;
    private final Clock clock;
    private final TriageKeys keys;

    public TriageQueue(
            ReactiveMongoTemplate mongo,
            Triage triage,
            Outbox outbox,
            OutboxRelay relay,
            DedupIndexMaintenance index,
            DuplicateDetector detector,
            Clock clock,
            TriageKeys keys) {
        this.mongo = mongo;
        this.triage = triage;
        this.outbox = outbox;
        this.relay = relay;
        this.index = index;
        this.detector = detector;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * A waiting case and, by id, the cases it was found similar to, as they are now.
     *
     * @param similar may lack a case that no longer exists
     */
    public record Waiting(TriageCase kase, Map<String, TriageCase> similar) {}

    /** The cases waiting longest, up to {@code limit}. */
    public Mono<List<Waiting>> oldest(int limit) {
        return mongo.find(
                        query(where("state").is(CaseState.AWAITING_TRIAGE))
                                .with(Sort.by("receivedAt", "_id"))
                                .limit(limit),
                        TriageCase.class)
                .collectList()
                .flatMap(cases -> similarTo(cases)
                        .map(similar -> cases.stream()
                                .map(kase -> new Waiting(kase, similar))
                                .toList()));
    }

    /** One waiting case; not found if it is unknown or does not wait. */
    public Mono<Waiting> waiting(String caseId) {
        return mongo.findOne(
                        query(where("_id").is(caseId).and("state").is(CaseState.AWAITING_TRIAGE)), TriageCase.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId + " waits for manual triage")))
                .flatMap(kase -> similarTo(List.of(kase)).map(similar -> new Waiting(kase, similar)));
    }

    /** Every decision taken, oldest first. */
    public Flux<TriageDecision> decisions() {
        return mongo.find(
                query(where("decidedAt").exists(true)).with(Sort.by("decidedAt", "_id")), TriageDecision.class);
    }

    /** Applies a person's decision; emits the case as it is afterwards (merged or opened). */
    public Mono<TriageCase> decide(String caseId, ManualDecision decision) {
        return mongo.findById(caseId, TriageCase.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId)))
                .flatMap(kase -> {
                    if (kase.state() != CaseState.AWAITING_TRIAGE) {
                        return notWaiting(caseId);
                    }
                    if (decision instanceof ManualDecision.Merge merge) {
                        return merge(kase, merge);
                    }
                    return open(kase, (ManualDecision.Open) decision);
                });
    }

    private Mono<TriageCase> open(TriageCase held, ManualDecision.Open command) {
        Classification suggested = held.classification();
        Classification decided = new Classification(
                command.board() == null ? suggested.board() : command.board(),
                command.complexity() == null ? suggested.complexity() : command.complexity(),
                command.level() == null ? suggested.level() : command.level(),
                PERSON_CONFIDENCE);
        Instant now = clock.instant();
        Decision decision = new Decision(
                Choice.OPEN, suggested, decided, null, null, null, command.reviewer(), command.note(), now);
        Update update = new Update()
                .set("state", CaseState.OPEN)
                .set("classification", decided)
                .set("openedAt", now)
                .set("manualTriage.decision", decision);
        outbox.append(
                update,
                EventEnvelope.of(
                        EventIds.of(EventType.CASE_OPENED, held.caseId()),
                        now,
                        correlationId(held),
                        held.openedEvent(decided)));
        return memberElsewhere(held)
                .flatMap(other -> Mono.<TriageCase>error(new ConflictException("request "
                        + held.master().requestId() + " is already merged into case " + other.caseId() + " ("
                        + other.caseNumber() + ") by an interrupted MERGE decision: decide MERGE into "
                        + other.caseId() + " to finish it")))
                // the key first: pointing at a case that is not open (yet) is harmless, readers check the state
                .switchIfEmpty(Mono.defer(() -> (held.duplicateKey() == null
                                ? Mono.<Void>empty()
                                : keys.openedWithKey(held.duplicateKey(), held.caseId()))
                        .then(keys.opened(held.caseId(), now))
                        .then(decided(held, update))))
                .flatMap(opened -> relay.relay(TriageCase.COLLECTION, opened.caseId())
                        .then(Mono.fromRunnable(() -> index.remember(opened)))
                        .then(record(opened)))
                .doOnNext(opened -> log.info(
                        "case {} opened by {} after manual triage as {}",
                        opened.caseNumber(),
                        command.reviewer(),
                        decided));
    }

    private Mono<TriageCase> merge(TriageCase held, ManualDecision.Merge command) {
        if (command.into().equals(held.caseId())) {
            return Mono.error(new ConflictException("case " + held.caseId()
                    + " cannot be merged into itself: name the open case it duplicates, or decide OPEN"));
        }
        return mongo.findById(command.into(), TriageCase.class)
                .switchIfEmpty(Mono.error(new InvalidInputException("mergeInto", "no case " + command.into())))
                .flatMap(target -> {
                    String refusal = refusal(held, target);
                    if (refusal != null) {
                        return Mono.error(new ConflictException(refusal));
                    }
                    double similarity = similarity(held, target);
                    MemberRequest request = held.master();
                    String reason = String.format(
                            Locale.ROOT,
                            "merged by %s after manual triage (similarity %.2f)%s",
                            command.reviewer(),
                            similarity,
                            command.note() == null ? "" : ": " + command.note());
                    Decision decision = new Decision(
                            Choice.MERGE,
                            held.classification(),
                            target.classification(),
                            target.caseId(),
                            target.caseNumber(),
                            similarity,
                            command.reviewer(),
                            command.note(),
                            clock.instant());
                    // the request's claim first, so that an interrupted merge is found (memberElsewhere)
                    return keys.pointRequest(request.requestId(), target.caseId())
                            .then(triage.mergeRequest(
                                    target,
                                    request.requestId(),
                                    request.channel(),
                                    similarity,
                                    reason,
                                    correlationId(held)))
                            .switchIfEmpty(Mono.error(new ConflictException("case " + target.caseId()
                                    + " was closed meanwhile and takes no more requests: decide OPEN,"
                                    + " or merge into another open case")))
                            .flatMap(id -> relay.relay(TriageCase.COLLECTION, id))
                            .then(Mono.defer(() -> decided(
                                    held,
                                    new Update()
                                            .set("state", CaseState.MERGED)
                                            .set("mergedInto", target.caseId())
                                            .set("manualTriage.decision", decision))))
                            .flatMap(this::record)
                            .doOnNext(merged -> log.info(
                                    "case {} merged into {} by {} after manual triage",
                                    merged.caseNumber(),
                                    target.caseNumber(),
                                    command.reviewer()));
                });
    }

    /** Why the held case's request cannot join {@code target}, saying what to do instead; null if it can. */
    private static String refusal(TriageCase held, TriageCase target) {
        String id = target.caseId();
        if (target.state() == CaseState.AWAITING_TRIAGE) {
            return "case " + id + " waits for manual triage itself: decide OPEN on it first, then merge into it";
        }
        if (target.state() == CaseState.MERGED) {
            return "case " + id + " was merged into " + target.mergedInto() + ": merge into " + target.mergedInto()
                    + " instead";
        }
        if (target.state() != CaseState.OPEN) {
            return "case " + id + " is " + target.state()
                    + " and takes no more requests: decide OPEN, or merge into an open case";
        }
        String heldCode = held.enterprise() == null ? null : held.enterprise().uscc();
        String targetCode =
                target.enterprise() == null ? null : target.enterprise().uscc();
        // A request known by name only may be one the person recognises; two credit codes that differ never are.
        if (heldCode != null && !heldCode.equalsIgnoreCase(targetCode)) {
            return "case " + id + " is another enterprise's (" + targetCode
                    + "): only the same enterprise's requests are merged; decide OPEN";
        }
        return null;
    }

    /** How alike the held request and the target case are, as the duplicate detector scores a pair. */
    private double similarity(TriageCase held, TriageCase target) {
        IncomingRequest incoming = new IncomingRequest(
                held.master().requestId(),
                held.enterprise() == null ? null : held.enterprise().uscc(),
                held.enterprise() == null ? null : held.enterprise().name(),
                held.content(),
                held.receivedAt());
        return detector.decide(incoming, List.of(Triage.candidateOf(target))).score();
    }

    /**
     * Applies a decision's update if the case is still as read (waiting); otherwise the conflict a repeated decision
     * gets.
     */
    private Mono<TriageCase> decided(TriageCase held, Update update) {
        return mongo.findAndModify(
                        Triage.atRevision(held),
                        update.inc(TriageCase.REVISION, 1),
                        FindAndModifyOptions.options().returnNew(true),
                        TriageCase.class)
                .switchIfEmpty(Mono.defer(() -> notWaiting(held.caseId())));
    }

    /**
     * The conflict of a decision on a case that no longer waits. If a person decided it, their record is written
     * (again): a decision interrupted before its record was written gets it now.
     */
    private Mono<TriageCase> notWaiting(String caseId) {
        return mongo.findById(caseId, TriageCase.class).flatMap(kase -> {
            Decision decided =
                    kase.manualTriage() == null ? null : kase.manualTriage().decision();
            if (decided == null) {
                return Mono.error(new ConflictException("case " + caseId + " is " + kase.state()
                        + ", not waiting for manual triage: there is nothing to decide"));
            }
            String what = decided.choice() == Choice.MERGE ? "merged into " + decided.mergedInto() : "opened";
            return record(kase)
                    .then(Mono.error(new ConflictException("case " + caseId + " was decided already: " + what + " by "
                            + decided.reviewer() + " at " + decided.decidedAt() + "; nothing changed")));
        });
    }

    private Mono<TriageCase> record(TriageCase decided) {
        return mongo.save(TriageDecision.of(decided)).thenReturn(decided);
    }

    /** Another case that has the held case's request as a member: the one its claim points to, if so. */
    private Mono<TriageCase> memberElsewhere(TriageCase held) {
        String requestId = held.master().requestId();
        return keys.caseOfRequest(requestId)
                .filter(caseId -> !caseId.equals(held.caseId()))
                .flatMap(caseId -> mongo.findById(caseId, TriageCase.class))
                .filter(other -> other.hasMember(requestId));
    }

    private Mono<Map<String, TriageCase>> similarTo(List<TriageCase> cases) {
        Set<String> ids = cases.stream()
                .filter(kase ->
                        kase.manualTriage() != null && kase.manualTriage().similarCases() != null)
                .flatMap(kase -> kase.manualTriage().similarCases().stream())
                .map(SimilarCase::caseId)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.find(query(where("_id").in(ids)), TriageCase.class).collectMap(TriageCase::caseId);
    }

    private static String correlationId(TriageCase held) {
        String stored = held.manualTriage() == null ? null : held.manualTriage().correlationId();
        return stored == null ? held.master().requestId() : stored;
    }
}

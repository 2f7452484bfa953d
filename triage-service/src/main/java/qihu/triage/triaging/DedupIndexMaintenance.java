package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import qihu.triage.dedup.DuplicateDetector;
import qihu.triage.dedup.NearDuplicateIndex;
import qihu.triage.triaging.TriageCase.CaseState;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps this instance's near-duplicate index in step with the store, which is the truth: rebuilt from every case at
 * start-up, then topped up with the cases other instances opened since (the minutes of
 * {@value TriageKeys#OPENED_CASES}, read by id). The index only
 * proposes candidates; merging reads the cases themselves from the store, so an index that lags a little misses a
 * related case for a while, never merges wrongly.
 */
public class DedupIndexMaintenance {

    private static final Logger log = LoggerFactory.getLogger(DedupIndexMaintenance.class);

    /** How far back a refresh looks before the newest case it already has. */
    static final java.time.Duration OVERLAP = java.time.Duration.ofMinutes(2);

    private final ReactiveMongoTemplate mongo;
    private final DuplicateDetector detector;
    private final NearDuplicateIndex index;
    private final TriageKeys keys;
    private final Clock clock;
    /** When the last rebuild or refresh started (this instance's clock). */
    private final AtomicReference<Instant> refreshedAt;

    public DedupIndexMaintenance(
            ReactiveMongoTemplate mongo,
            DuplicateDetector detector,
            NearDuplicateIndex index,
            TriageKeys keys,
            Clock clock) {
        this.mongo = mongo;
        this.detector = detector;
        this.index = index;
        this.keys = keys;
        this.clock = clock;
        this.refreshedAt = new AtomicReference<>(clock.instant());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void rebuildInBackground() {
        rebuild()
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(
                        count -> log.info("near-duplicate index rebuilt from the store: {} cases", count),
                        e -> log.warn("near-duplicate index rebuild failed; catching up later: {}", e.toString()));
    }

    /** Reads every case into the index (a scan, at start-up only); emits how many. */
    public Mono<Long> rebuild() {
        return Mono.defer(() -> {
            refreshedAt.set(clock.instant());
            return addOpenedAfter(Instant.EPOCH);
        });
    }

    /**
     * Adds the cases opened since the last rebuild or refresh (by any instance), looking back {@link #OVERLAP} further
     * for cases whose insert was slow or whose instance's clock is behind; re-adding a case replaces it. Reads the
     * minutes of {@value TriageKeys#OPENED_CASES} by id, then those cases by id: no scan. Emits how many were read.
     */
    public Mono<Long> refresh() {
        Instant now = clock.instant();
        Instant from = refreshedAt.getAndSet(now).minus(OVERLAP);
        return keys.openedBetween(from, now).flatMap(ids -> {
            if (ids.isEmpty()) {
                return Mono.just(0L);
            }
            Query opened = query(where("_id").in(ids));
            opened.fields().include("enterprise", "content", "receivedAt", "state", "openedAt");
            return mongo.find(opened, TriageCase.class)
                    .filter(kase -> kase.openedAt() != null)
                    .doOnNext(this::remember)
                    .count();
        });
    }

    private Mono<Long> addOpenedAfter(Instant after) {
        Query opened = query(where("openedAt").gt(after)).with(Sort.by("openedAt"));
        opened.fields().include("enterprise", "content", "receivedAt", "state", "openedAt");
        return mongo.find(opened, TriageCase.class).doOnNext(this::remember).count();
    }

    /** Indexes one case (a case this instance just opened, or one read from the store). */
    public void remember(TriageCase kase) {
        detector.remember(Triage.candidateOf(kase));
    }

    /** Indexes the case a request just opened, with the request's analysed text. */
    public void remember(TriageCase kase, DuplicateDetector.Probe openedBy) {
        detector.remember(Triage.candidateOf(kase), openedBy);
    }

    public void stateChanged(String caseId, CaseState state) {
        index.setOpen(caseId, state == CaseState.OPEN);
    }
}

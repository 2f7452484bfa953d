package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The look-ups triage makes for every request, each kept as a document whose {@code _id} is the key, so that each is
 * answered by the {@code _id} index whatever the number of cases (the embedded store has no secondary indexes). Every
 * write is one single-document upsert or insert. They are written before the case they point to: a key may point to
 * a case that is not (yet) written or no longer open, so a reader always checks the case itself.
 *
 * <ul>
 *   <li>{@value #REQUEST_CASES}: request id → the case the request went to (or is going to). Inserted once per
 *       request: the redelivery guard.
 *   <li>{@value #OPEN_DUPLICATES}: exact-duplicate key ({@link qihu.triage.dedup.ExactDuplicateKey}) → the case last
 *       opened (or reopened) with it.
 *   <li>{@value #ENTERPRISE_CASES}: credit code → the enterprise's most recent case ids, oldest first.
 *   <li>{@value #OPENED_CASES}: minute (UTC) → the cases opened in it, so that every instance's near-duplicate index
 *       picks up the others' cases by reading a few minutes by id.
 * </ul>
 */
@Component
public class TriageKeys {

    public static final String REQUEST_CASES = "request_cases";
    public static final String OPEN_DUPLICATES = "open_duplicates";
    public static final String ENTERPRISE_CASES = "enterprise_cases";
    public static final String OPENED_CASES = "opened_cases";
    /** Minutes beyond which a refresh of the index does not look back (an instance that lagged longer rebuilds). */
    static final int MAX_MINUTES = 24 * 60;

    private static final String CASE_ID = "caseId";
    private static final String CASE_IDS = "caseIds";

    private final ReactiveMongoTemplate mongo;
    private final int recentCases;

    public TriageKeys(ReactiveMongoTemplate mongo, TriageProperties properties) {
        this.mongo = mongo;
        this.recentCases = properties.dedup().maxSameEnterpriseCases();
    }

    /** The request was claimed by another attempt (a redelivery or a second consumer) before this one. */
    public static final class AlreadyClaimed extends RuntimeException {
        AlreadyClaimed(String requestId) {
            super("request " + requestId + " is claimed already", null, false, false);
        }
    }

    /** Claims the request for the case; fails with {@link AlreadyClaimed} if it was claimed before. */
    public Mono<Void> claimRequest(String requestId, String caseId) {
        return mongo.insert(new Document("_id", requestId).append(CASE_ID, caseId), REQUEST_CASES)
                .onErrorMap(DuplicateKeyException.class, e -> new AlreadyClaimed(requestId))
                .then();
    }

    /** Points a claimed request at another case (its merge target was closed, a person decided). */
    public Mono<Void> pointRequest(String requestId, String caseId) {
        return upsert(REQUEST_CASES, requestId, new Update().set(CASE_ID, caseId));
    }

    /** The case the request was claimed for; empty if it never was. */
    public Mono<String> caseOfRequest(String requestId) {
        return caseIdOf(REQUEST_CASES, requestId);
    }

    public Mono<Void> openedWithKey(String duplicateKey, String caseId) {
        return upsert(OPEN_DUPLICATES, duplicateKey, new Update().set(CASE_ID, caseId));
    }

    /** The case last opened with this exact-duplicate key; it may have been closed since. */
    public Mono<String> caseWithKey(String duplicateKey) {
        return caseIdOf(OPEN_DUPLICATES, duplicateKey);
    }

    /** Adds a case to the enterprise's recent ones, dropping the oldest beyond {@code max-same-enterprise-cases}. */
    public Mono<Void> enterpriseCase(String uscc, String caseId) {
        Update push = new Update().push(CASE_IDS).slice(-recentCases).each(caseId);
        return upsert(ENTERPRISE_CASES, uscc, push);
    }

    /** The enterprise's recent case ids, oldest first; a redelivery may have added one twice. */
    public Mono<List<String>> recentCases(String uscc) {
        return mongo.findById(uscc, Document.class, ENTERPRISE_CASES)
                .map(doc -> doc.getList(CASE_IDS, String.class, List.of()))
                .defaultIfEmpty(List.of());
    }

    /** Notes that the case was opened (published) at {@code openedAt}. */
    public Mono<Void> opened(String caseId, Instant openedAt) {
        return upsert(OPENED_CASES, minute(openedAt), new Update().addToSet(CASE_IDS, caseId));
    }

    /** The cases opened in the minutes from {@code from} to {@code to}, at most {@value #MAX_MINUTES} minutes back. */
    public Mono<List<String>> openedBetween(Instant from, Instant to) {
        Instant last = to.truncatedTo(ChronoUnit.MINUTES);
        Instant first = from.truncatedTo(ChronoUnit.MINUTES);
        if (first.isBefore(last.minus(MAX_MINUTES, ChronoUnit.MINUTES))) {
            first = last.minus(MAX_MINUTES, ChronoUnit.MINUTES);
        }
        List<String> minutes = new ArrayList<>();
        for (Instant m = first; !m.isAfter(last); m = m.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(minute(m));
        }
        return mongo.find(query(where("_id").in(minutes)), Document.class, OPENED_CASES)
                .flatMapIterable(doc -> doc.getList(CASE_IDS, String.class, List.of()))
                .collectList();
    }

    private static String minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private Mono<String> caseIdOf(String collection, String key) {
        return mongo.findById(key, Document.class, collection).mapNotNull(doc -> doc.getString(CASE_ID));
    }

    private Mono<Void> upsert(String collection, String key, Update update) {
        return mongo.upsert(query(where("_id").is(key)), update, collection).then();
    }
}

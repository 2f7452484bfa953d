package qihu.dispatch.timer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Durable timers kept in buckets by due minute, so that finding what is due never reads the timers that are not: a
 * bucket is a document {@code _id = "<yyyyMMddHHmm UTC>:<shard>"} listing its timers, and the due buckets are those
 * whose {@code _id} sorts before the next minute's. A real MongoDB answers that from the {@code _id} index; the
 * embedded store scans the buckets (one per minute and shard that has timers), never the timers or the tasks.
 *
 * <p>Timers of one minute are spread over {@code shards} buckets by key, so that a burst of arms in one minute does
 * not make one ever-growing document. Arming is an upsert adding the timer to its bucket ({@code $addToSet}: arming
 * the same timer twice keeps one); a timer is taken out ({@code $pullAll}) only once its owner has dealt with it, so
 * a crash in between leaves it to be dealt with again. Whoever reads the buckets checks each timer against its
 * aggregate: a timer is a hint to look, never the truth, so a timer left behind by a move or a cancel that did not
 * reach the store is dropped on reading.
 */
public final class TimerBuckets {

    static final String TIMERS = "timers";
    static final String MINUTE = "minute";
    private static final DateTimeFormatter MINUTE_KEY =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final int shards;

    public TimerBuckets(ReactiveMongoTemplate mongo, String collection, int shards) {
        if (shards < 1 || shards > 100) {
            throw new IllegalArgumentException("timer buckets need 1..100 shards per minute, got " + shards);
        }
        this.mongo = mongo;
        this.collection = collection;
        this.shards = shards;
    }

    public String collection() {
        return collection;
    }

    /** What a reader did with some timers: those it dealt with (to take out) and how many of them fired. */
    public record Drained(List<TimerEntry> done, long fired) {

        public static Drained none() {
            return new Drained(List.of(), 0);
        }
    }

    public Mono<Void> arm(TimerEntry timer) {
        return armAll(List.of(timer));
    }

    /** Arms the timers with one bulk write: one upsert per bucket they fall into. */
    public Mono<Void> armAll(List<TimerEntry> timers) {
        if (timers.isEmpty()) {
            return Mono.empty();
        }
        Map<String, List<Document>> byBucket = new LinkedHashMap<>();
        for (TimerEntry timer : timers) {
            byBucket.computeIfAbsent(bucketOf(timer), b -> new ArrayList<>()).add(timer.toDocument());
        }
        if (byBucket.size() == 1) {
            Map.Entry<String, List<Document>> only =
                    byBucket.entrySet().iterator().next();
            return mongo.upsert(query(where("_id").is(only.getKey())), addAll(only), collection)
                    .then();
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
        for (Map.Entry<String, List<Document>> bucket : byBucket.entrySet()) {
            bulk.upsert(query(where("_id").is(bucket.getKey())), addAll(bucket));
        }
        return bulk.execute().then();
    }

    /** Takes the timers of {@code key} due at {@code at} out of their bucket, however often they were armed. */
    public Mono<Void> cancel(String key, Instant at) {
        TimerEntry probe = TimerEntry.of(key, at, at);
        return mongo.updateFirst(
                        query(where("_id").is(bucketOf(probe))),
                        new Update()
                                .pull(
                                        TIMERS,
                                        new Document(TimerEntry.KEY, key).append(TimerEntry.AT, Date.from(probe.at()))),
                        collection)
                .then();
    }

    /**
     * Hands every timer due at {@code now} (from the buckets of past minutes and of the current one) to {@code
     * reader}, at most {@code chunk} at a time, and takes out what it dealt with; buckets left empty are removed.
     * Each due bucket is read once per call: timers armed meanwhile into a due bucket wait for the next call.
     */
    public Mono<Long> drain(Instant now, int chunk, Function<List<TimerEntry>, Mono<Drained>> reader) {
        Query due = query(where("_id")
                        .lt(minuteKey(now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES))))
                .with(Sort.by("_id"));
        due.fields().include("_id");
        return mongo.find(due, Document.class, collection)
                .map(bucket -> bucket.getString("_id"))
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(bucketId -> drainBucket(bucketId, now, chunk, reader))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> drainBucket(
            String bucketId, Instant now, int chunk, Function<List<TimerEntry>, Mono<Drained>> reader) {
        return mongo.findById(bucketId, Document.class, collection)
                .flatMap(bucket -> {
                    List<Document> raw = bucket.getList(TIMERS, Document.class, List.of());
                    Map<TimerEntry, Document> stored = new IdentityHashMap<>();
                    List<TimerEntry> entries = new ArrayList<>(raw.size());
                    for (Document document : raw) {
                        TimerEntry entry = TimerEntry.from(document);
                        if (!entry.at().isAfter(now)) {
                            stored.put(entry, document);
                            entries.add(entry);
                        }
                    }
                    return Flux.fromIterable(chunks(entries, chunk))
                            .concatMap(part -> reader.apply(part)
                                    .flatMap(drained -> takeOut(bucketId, drained.done(), stored)
                                            .thenReturn(drained.fired())))
                            .reduce(0L, Long::sum)
                            .flatMap(fired -> removeIfEmpty(bucketId).thenReturn(fired));
                })
                .defaultIfEmpty(0L);
    }

    private Mono<Void> takeOut(String bucketId, List<TimerEntry> done, Map<TimerEntry, Document> stored) {
        if (done.isEmpty()) {
            return Mono.empty();
        }
        List<Document> documents = done.stream().map(stored::get).toList();
        return mongo.updateFirst(
                        query(where("_id").is(bucketId)), new Update().pullAll(TIMERS, documents.toArray()), collection)
                .then();
    }

    /** Removes the bucket if nothing is left in it; a timer armed into it meanwhile keeps it. */
    private Mono<Void> removeIfEmpty(String bucketId) {
        return mongo.remove(query(where("_id").is(bucketId).and(TIMERS).size(0)), collection)
                .then();
    }

    private static Update addAll(Map.Entry<String, List<Document>> bucket) {
        Update update = new Update();
        update.addToSet(TIMERS).each(bucket.getValue().toArray());
        return update.setOnInsert(MINUTE, Date.from(minuteOf(bucket.getValue().get(0))));
    }

    private static Instant minuteOf(Document timer) {
        return timer.getDate(TimerEntry.AT).toInstant().truncatedTo(ChronoUnit.MINUTES);
    }

    String bucketOf(TimerEntry timer) {
        return minuteKey(timer.at()) + ":"
                + String.format("%02d", Math.floorMod(timer.key().hashCode(), shards));
    }

    private static String minuteKey(Instant at) {
        return MINUTE_KEY.format(at);
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }
}

package qihu.dispatch.timer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * bucket is a document {@code _id = "<yyyyMMddHHmm UTC>:<shard>"} holding its timers in {@value #DUE}, a map from
 * each timer's id (its key and due time) to the timer, and the due buckets are those whose {@code _id} sorts before
 * the next minute's. A real MongoDB answers that from the {@code _id} index; the embedded store scans the buckets
 * (one per minute and shard that has timers), never the timers or the tasks.
 *
 * <p>Timers of one minute are spread over {@code shards} buckets by key, so that a burst of arms in one minute does
 * not make one ever-growing document. Arming sets the timer's field in its bucket (upserting it: arming the same
 * timer twice keeps one), and a timer is taken out (its field unset) only once its owner has dealt with it, so a
 * crash in between leaves it to be dealt with again. Both touch only the timers' own fields, whatever the bucket
 * holds: an array would be searched element by element for every timer added or pulled, which on the embedded store
 * costs the size of the bucket times the size of the chunk. Whoever reads the buckets checks each timer against its
 * aggregate: a timer is a hint to look, never the truth, so a timer left behind by a move or a cancel that did not
 * reach the store is dropped on reading.
 */
public final class TimerBuckets {

    static final String DUE = "due";
    static final String MINUTE = "minute";
    private static final char GROUP_END = '/';
    private static final DateTimeFormatter MINUTE_KEY =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final int shards;
    private final int concurrency;

    /** @param concurrency buckets of one minute drained at once (a key's timers of one minute share a bucket) */
    public TimerBuckets(ReactiveMongoTemplate mongo, String collection, int shards, int concurrency) {
        if (shards < 1 || shards > 100) {
            throw new IllegalArgumentException("timer buckets need 1..100 shards per minute, got " + shards);
        }
        this.mongo = mongo;
        this.collection = collection;
        this.shards = shards;
        this.concurrency = concurrency;
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
        Map<String, Update> byBucket = new LinkedHashMap<>();
        for (TimerEntry timer : timers) {
            byBucket.computeIfAbsent(
                            bucketOf(timer),
                            b -> new Update()
                                    .setOnInsert(MINUTE, Date.from(timer.at().truncatedTo(ChronoUnit.MINUTES))))
                    .set(fieldOf(timer), timer.toDocument());
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
        byBucket.forEach((bucket, update) -> bulk.upsert(query(where("_id").is(bucket)), update));
        return bulk.execute().then();
    }

    /** Takes the timer of {@code key} due at {@code at} out of its bucket. */
    public Mono<Void> cancel(String key, Instant at) {
        TimerEntry probe = TimerEntry.of(key, at, at);
        return mongo.updateFirst(
                        query(where("_id").is(bucketOf(probe))), new Update().unset(fieldOf(probe)), collection)
                .then();
    }

    /**
     * Hands every timer due at {@code now} (from the buckets of past minutes and of the current one) to {@code
     * reader}, at most {@code chunk} at a time, and takes out what it dealt with; buckets left empty are removed.
     * Each due bucket is read once per call: timers armed meanwhile into a due bucket wait for the next call.
     *
     * <p>Minutes are drained in order, the shards of one minute {@code concurrency} at a time: a key has at most one
     * bucket per minute, so two chunks in flight never hold timers of the same key (the same task is never fired
     * twice at once), while a key's timers of different minutes are dealt with one after the other.
     */
    public Mono<Long> drain(Instant now, int chunk, Function<List<TimerEntry>, Mono<Drained>> reader) {
        Query due = query(where("_id")
                        .lt(minuteKey(now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES))))
                .with(Sort.by("_id"));
        due.fields().include("_id");
        return mongo.find(due, Document.class, collection)
                .map(bucket -> bucket.getString("_id"))
                .collectMultimap(TimerBuckets::minuteOfBucket, id -> id, TreeMap::new)
                .flatMapMany(byMinute -> Flux.fromIterable(byMinute.values()))
                .concatMap(minute -> Flux.fromIterable(minute)
                        .flatMap(bucketId -> drainBucket(bucketId, now, chunk, reader), concurrency)
                        .reduce(0L, Long::sum))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> drainBucket(
            String bucketId, Instant now, int chunk, Function<List<TimerEntry>, Mono<Drained>> reader) {
        return mongo.findById(bucketId, Document.class, collection)
                .flatMap(bucket -> {
                    List<TimerEntry> entries = timersIn(bucket).stream()
                            .filter(entry -> !entry.at().isAfter(now))
                            .toList();
                    return Flux.fromIterable(chunks(entries, chunk))
                            .concatMap(part -> reader.apply(part)
                                    .flatMap(drained ->
                                            takeOut(bucketId, drained.done()).thenReturn(drained.fired())))
                            .reduce(0L, Long::sum)
                            .flatMap(fired -> removeIfEmpty(bucketId).thenReturn(fired));
                })
                .defaultIfEmpty(0L);
    }

    /** One update unsetting the dealt-with timers' fields; a timer armed again meanwhile is the same timer. */
    private Mono<Void> takeOut(String bucketId, List<TimerEntry> done) {
        if (done.isEmpty()) {
            return Mono.empty();
        }
        Update update = new Update();
        done.forEach(timer -> update.unset(fieldOf(timer)));
        return mongo.updateFirst(query(where("_id").is(bucketId)), update, collection)
                .then();
    }

    /** Removes the bucket if nothing is left in it; a timer armed into it meanwhile keeps it. */
    private Mono<Void> removeIfEmpty(String bucketId) {
        return mongo.remove(query(where("_id").is(bucketId).and(DUE).is(new Document())), collection)
                .then();
    }

    private static String minuteOfBucket(String bucketId) {
        return bucketId.substring(0, bucketId.indexOf(':'));
    }

    /** The timers a bucket document holds. */
    public static List<TimerEntry> timersIn(Document bucket) {
        return bucket.get(DUE, new Document()).values().stream()
                .map(stored -> TimerEntry.from((Document) stored))
                .toList();
    }

    /**
     * The timer's field in its bucket: its key and due time, the key escaped so that it is one field name (no {@code
     * .}, no leading {@code $}).
     */
    static String fieldOf(TimerEntry timer) {
        String key = timer.key().replace("%", "%25").replace(".", "%2E").replace("$", "%24");
        return DUE + "." + key + "@" + timer.at().toEpochMilli();
    }

    String bucketOf(TimerEntry timer) {
        return minuteKey(timer.at()) + ":"
                + String.format("%02d", Math.floorMod(groupOf(timer.key()).hashCode(), shards));
    }

    /**
     * The key of a timer that belongs to {@code group} (a task's notice): it falls into the group's shard, so that the
     * timers a chunk of one shard arms (the notices of its tasks) go into one bucket, not into all of them.
     */
    public static String groupedKey(String group, String key) {
        return group + GROUP_END + key;
    }

    private static String groupOf(String key) {
        int end = key.indexOf(GROUP_END);
        return end < 0 ? key : key.substring(0, end);
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

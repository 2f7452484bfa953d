package qihu.evaluation.report;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.ReportPublished;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxEntry;
import qihu.support.outbox.OutboxRelay;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stored reports. A report's files are written first, in chunks under ids unique to this generation; then the
 * report document, whose id is the period's, is inserted together with its report.published event (outbox). That
 * insert is the publication: a second generation of the same period fails on it, removes its own chunks and
 * publishes nothing, so each report is published exactly once whoever runs it.
 */
@Component
public class ReportStore {

    static final String REPORTS = "reports";
    static final String FILES = "report_files";
    static final String LEASES = "report_leases";

    private final ReactiveMongoTemplate mongo;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ReportProperties properties;

    public ReportStore(ReactiveMongoTemplate mongo, Outbox outbox, OutboxRelay relay, ReportProperties properties) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
    }

    /** One downloadable file of a report: its format, media type, size and the ids of its chunks in order. */
    public record StoredFile(String format, String contentType, long bytes, List<String> chunkIds) {}

    /** What the list and the metadata endpoint show of a report. */
    public record Summary(int cases, int clusters, int commonIssues, int recurrences) {}

    @Document(REPORTS)
    public record StoredReport(
            @Id String reportId,
            ReportKind kind,
            LocalDate periodStart,
            LocalDate periodEnd,
            Instant generatedAt,
            Summary summary,
            List<StoredFile> files,
            List<OutboxEntry> outbox,
            Instant outboxSince) {}

    @Document(FILES)
    record Chunk(@Id String id, Binary data) {}

    @Document(LEASES)
    record Lease(@Id String key, String holder, Instant until) {}

    /** A rendered file before it is stored. */
    public record Rendered(String format, String contentType, byte[] bytes) {}

    public Mono<StoredReport> find(String reportId) {
        return mongo.findById(reportId, StoredReport.class);
    }

    public Flux<StoredReport> list() {
        Query all = new Query().with(Sort.by(Sort.Direction.DESC, "periodStart", "_id"));
        all.fields().exclude("outbox");
        return mongo.find(all, StoredReport.class);
    }

    /** The bytes of one file, chunk by chunk (each an _id lookup). */
    public Flux<byte[]> content(StoredFile file) {
        return Flux.fromIterable(file.chunkIds())
                .concatMap(id -> mongo.findById(id, Chunk.class))
                .map(chunk -> chunk.data().getData());
    }

    /**
     * Stores and publishes a report; emits true when this call published it, false when the period's report was
     * published already (nothing changed then).
     */
    public Mono<Boolean> publish(CommonIssueReport report, Summary summary, List<Rendered> rendered, Instant now) {
        String generation = UUID.randomUUID().toString().substring(0, 8);
        List<Chunk> chunks = new ArrayList<>();
        List<StoredFile> files = new ArrayList<>();
        for (Rendered file : rendered) {
            List<String> ids = new ArrayList<>();
            for (int offset = 0, n = 0;
                    offset < file.bytes().length || n == 0;
                    offset += properties.chunkBytes(), n++) {
                String id = report.reportId() + "." + file.format() + "." + generation + "." + n;
                int end = Math.min(file.bytes().length, offset + properties.chunkBytes());
                chunks.add(new Chunk(id, new Binary(Arrays.copyOfRange(file.bytes(), offset, end))));
                ids.add(id);
            }
            files.add(new StoredFile(file.format(), file.contentType(), file.bytes().length, ids));
        }
        EventEnvelope<ReportPublished> event = EventEnvelope.of(
                EventIds.of(EventType.REPORT_PUBLISHED, report.reportId()),
                now,
                report.reportId(),
                new ReportPublished(
                        report.reportId(),
                        report.kind().name(),
                        report.periodStart(),
                        report.periodEnd(),
                        rendered.stream().map(Rendered::format).toList()));
        StoredReport stored = new StoredReport(
                report.reportId(),
                report.kind(),
                report.periodStart(),
                report.periodEnd(),
                report.generatedAt(),
                summary,
                files,
                outbox.entries(event),
                now);
        return Flux.fromIterable(chunks)
                // One at a time: a chunk is up to 4 MB.
                .concatMap(mongo::insert)
                .then(mongo.insert(stored))
                .flatMap(inserted -> relay.relay(REPORTS, inserted.reportId()).thenReturn(true))
                .onErrorResume(
                        DuplicateKeyException.class,
                        alreadyPublished -> Flux.fromIterable(chunks)
                                .concatMap(
                                        chunk -> mongo.remove(query(where("_id").is(chunk.id())), Chunk.class))
                                .then(Mono.just(false)));
    }

    /**
     * Takes the period for {@code holder} until {@code now + lease}: a new lease document, or one whose holder's
     * time ran out. Emits false while another runner holds it.
     */
    public Mono<Boolean> lease(String periodKey, String holder, Instant now) {
        Instant until = now.plus(properties.lease());
        return mongo.insert(new Lease(periodKey, holder, until))
                .thenReturn(true)
                .onErrorResume(
                        DuplicateKeyException.class,
                        held -> mongo.updateFirst(
                                        query(where("_id")
                                                .is(periodKey)
                                                .and("until")
                                                .lt(now)),
                                        new Update().set("holder", holder).set("until", until),
                                        Lease.class)
                                .map(result -> result.getModifiedCount() == 1));
    }
}

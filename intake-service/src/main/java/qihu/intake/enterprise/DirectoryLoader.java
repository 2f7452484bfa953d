package qihu.intake.enterprise;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.intake.request.Sha256;
import qihu.support.StoreOutage;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Loads the enterprise directory's CSV into the store at start-up, in the background: the service takes requests
 * while it loads (a name not yet loaded is accepted unresolved), and an unreachable store is retried. A file already
 * loaded unchanged (same SHA-256) is not loaded again, so restarts and a second instance cost one lookup.
 */
@Component
public class DirectoryLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectoryLoader.class);

    /** The file last loaded, so an unchanged one is skipped. */
    @Document("directory_loads")
    record LoadMarker(@Id String id, String source, String sha256, int entries, Instant loadedAt) {
        static final String ENTERPRISES = "enterprises";
    }

    /** @param unchanged the same file had been loaded before, nothing was written */
    public record Report(String source, int loaded, List<String> rejected, boolean unchanged) {}

    private final ReactiveMongoTemplate mongo;
    private final DirectoryProperties properties;
    private final Clock clock;
    private volatile Disposable running;

    public DirectoryLoader(ReactiveMongoTemplate mongo, DirectoryProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!properties.loadOnStart()) {
            return;
        }
        running = load().retryWhen(Retry.fixedDelay(Long.MAX_VALUE, properties.retryInterval())
                        .filter(StoreOutage::isCause)
                        .doBeforeRetry(retry -> log.warn(
                                "enterprise directory not loaded yet, store unavailable: {}",
                                retry.failure().getMessage())))
                .subscribe(
                        report -> log.info(
                                "enterprise directory {}: {} enterprises{}{}",
                                report.source(),
                                report.loaded(),
                                report.unchanged() ? " (unchanged, not reloaded)" : "",
                                report.rejected().isEmpty() ? "" : ", rows left out: " + report.rejected()),
                        e -> log.error("enterprise directory could not be loaded", e));
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Loads the configured CSV unless that very file was loaded before. */
    public Mono<Report> load() {
        return Mono.fromCallable(this::readFile)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(this::load);
    }

    private Mono<Report> load(byte[] file) {
        String source = properties.csv().getDescription();
        String sha256 = HexFormat.of().formatHex(Sha256.of(file));
        return mongo.findById(LoadMarker.ENTERPRISES, LoadMarker.class)
                .filter(marker -> marker.sha256().equals(sha256))
                .map(marker -> new Report(source, marker.entries(), List.of(), true))
                .switchIfEmpty(Mono.defer(() -> {
                    DirectoryCsv.Parsed parsed = DirectoryCsv.parse(new ByteArrayInputStream(file));
                    return upsert(parsed.entries())
                            .then(mongo.save(new LoadMarker(
                                    LoadMarker.ENTERPRISES,
                                    source,
                                    sha256,
                                    parsed.entries().size(),
                                    clock.instant())))
                            .thenReturn(new Report(source, parsed.entries().size(), parsed.rejected(), false));
                }));
    }

    /** Adds or updates by credit code, in bulk writes of {@code batch-size} rows. */
    private Mono<Void> upsert(List<DirectoryEntry> entries) {
        return Flux.fromIterable(entries)
                .buffer(properties.batchSize())
                .concatMap(batch -> {
                    var bulk = mongo.bulkOps(BulkMode.UNORDERED, DirectoryEntry.class);
                    for (DirectoryEntry entry : batch) {
                        bulk.upsert(
                                query(where("_id").is(entry.uscc())),
                                new Update()
                                        .set("name", entry.name())
                                        .set("normalisedName", entry.normalisedName())
                                        .set("regionCode", entry.regionCode())
                                        .set("industry", entry.industry()));
                    }
                    return bulk.execute();
                })
                .then();
    }

    private byte[] readFile() {
        try (InputStream in = properties.csv().getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the enterprise directory " + properties.csv(), e);
        }
    }
}

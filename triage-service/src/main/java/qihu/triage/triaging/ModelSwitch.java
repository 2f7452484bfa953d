package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import qihu.support.web.ConflictException;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.ModelCatalog;
import qihu.triage.classify.ModelFile;
import qihu.triage.classify.ServiceBoard;
import qihu.triage.classify.TextClassifier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Switches the classifier's model without a restart (模型切换). The models are those of a {@link ModelCatalog} over
 * {@code qihu.triage.classifier.models-dir}. The active model's id is kept in the store, so that a restarted instance
 * and every other instance use it too: each reads it at start-up and every {@code refresh-interval}. With nothing
 * stored, the configured model is active.
 */
@Component
public class ModelSwitch implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ModelSwitch.class);
    static final String ACTIVE_MODEL = "active-model";

    /** The one document of the {@code settings} collection that names the active model. */
    @Document("settings")
    public record ActiveModel(@Id String id, String modelId, Instant activatedAt) {}

    private final ReactiveMongoTemplate mongo;
    private final CaseClassifier classifier;
    private final TriageProperties properties;
    private final Clock clock;
    private final ModelCatalog catalog;
    /** A stored id this instance cannot load, warned about once rather than every refresh. */
    private final AtomicReference<String> unloadable = new AtomicReference<>();

    public ModelSwitch(
            ReactiveMongoTemplate mongo, CaseClassifier classifier, TriageProperties properties, Clock clock) {
        this.mongo = mongo;
        this.classifier = classifier;
        this.properties = properties;
        this.clock = clock;
        String configured = properties.classifier().model();
        this.catalog = new ModelCatalog(
                properties.classifier().modelsDir(),
                DefaultModel::get,
                configured == null || configured.isBlank() ? null : Path.of(configured));
    }

    /** Before the consumers start: the model another instance made active, if any, classifies from the first case. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            Files.createDirectories(catalog.folder());
        } catch (IOException e) {
            log.warn("cannot create the models folder {}: {}", catalog.folder(), e.toString());
        }
        try {
            refresh().block(properties.classifier().refreshInterval());
        } catch (RuntimeException e) {
            log.warn("active model not read from the store; checked again later: {}", e.toString());
        }
    }

    public Path folder() {
        return catalog.folder();
    }

    /** The models that can be made active, the active one marked. */
    public Mono<ModelCatalog.Listing> models() {
        TextClassifier active = classifier.active();
        return Mono.fromCallable(
                        () -> catalog.list(active == null ? null : active.info().id()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Makes a model active here and, through the store, on every instance. A model that is unknown, unreadable or
     * cannot classify cases (no {@code board} head, or boards that are not service board codes) is refused and the
     * active model stays.
     */
    public Mono<TextClassifier> activate(String modelId) {
        if (classifier.active() == null) {
            return Mono.error(
                    new ConflictException(
                            "the classifier is switched off (qihu.triage.classifier.enabled: false): turn it on to use a model"));
        }
        return Mono.fromCallable(() -> usable(modelId))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(model -> mongo.findAndModify(
                                query(where("_id").is(ACTIVE_MODEL)),
                                new Update().set("modelId", model.info().id()).set("activatedAt", clock.instant()),
                                FindAndModifyOptions.options().upsert(true).returnNew(true),
                                ActiveModel.class)
                        .doOnNext(stored -> {
                            classifier.use(model);
                            unloadable.set(null);
                        })
                        .thenReturn(model));
    }

    /** Uses the model the store names (the configured one if none), if it is not active yet; emits whether it changed. */
    public Mono<Boolean> refresh() {
        TextClassifier configured = classifier.configured();
        if (configured == null) {
            return Mono.just(false);
        }
        return mongo.findById(ACTIVE_MODEL, ActiveModel.class)
                .map(ActiveModel::modelId)
                .defaultIfEmpty(configured.info().id())
                .filter(id -> !id.equals(classifier.active().info().id()))
                .flatMap(id -> Mono.fromCallable(() -> catalog.load(id))
                        .subscribeOn(Schedulers.boundedElastic())
                        .doOnNext(classifier::use)
                        .onErrorResume(e -> {
                            if (!id.equals(unloadable.getAndSet(id))) {
                                log.warn(
                                        "the stored active model {} cannot be loaded here; keeping {}: {}",
                                        id,
                                        classifier.active().info().id(),
                                        e.getMessage());
                            }
                            return Mono.empty();
                        }))
                .map(model -> true)
                .defaultIfEmpty(false);
    }

    private TextClassifier usable(String modelId) {
        TextClassifier model;
        try {
            model = catalog.load(modelId);
        } catch (ModelCatalog.UnknownModelException e) {
            throw new NotFoundException("modelId: " + e.getMessage());
        } catch (ModelFile.InvalidModelException e) {
            throw new InvalidInputException("modelId", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = model.info().id();
        if (!model.heads().contains(DefaultModel.BOARD)) {
            throw new InvalidInputException(
                    "modelId",
                    "model " + id + " cannot classify cases: it predicts " + model.heads() + ", not \""
                            + DefaultModel.BOARD + "\" (train it with --label-column " + DefaultModel.BOARD + ")");
        }
        List<String> unknown = model.labels(DefaultModel.BOARD).stream()
                .filter(board -> !ServiceBoard.DEFAULT_CODES.contains(board))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    "modelId",
                    "model " + id + " predicts boards that are not service board codes: " + unknown + " (the codes: "
                            + String.join(", ", ServiceBoard.DEFAULT_CODES) + ")");
        }
        return model;
    }
}

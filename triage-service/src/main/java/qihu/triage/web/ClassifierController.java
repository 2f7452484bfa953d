package qihu.triage.web;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import qihu.triage.classify.ModelCatalog;
import qihu.triage.classify.TextClassifier;
import qihu.triage.triaging.CaseClassifier;
import qihu.triage.triaging.ModelSwitch;
import reactor.core.publisher.Mono;

/** The classifier's models (模型版本): which can be used, which is active, and switching it without a restart. */
@RestController
@RequestMapping("/api/v1/classifier")
public class ClassifierController {

    private final ModelSwitch models;
    private final CaseClassifier classifier;

    public ClassifierController(ModelSwitch models, CaseClassifier classifier) {
        this.models = models;
        this.classifier = classifier;
    }

    /**
     * @param active the active model's id; null when the classifier is off
     * @param folder where model files to switch to are put
     * @param models the built-in model, then the files (each: id, file, description, training examples, format version,
     *     created, heads, builtIn, active)
     * @param unreadable files in the folder that are not models this version reads, and why
     */
    public record ModelsView(
            String active, String folder, List<ModelCatalog.Entry> models, List<ModelCatalog.Unreadable> unreadable) {}

    /** @param modelId a model's id, or its file's name in the models folder */
    public record ActivateCommand(String modelId) {}

    @GetMapping("/models")
    public Mono<ModelsView> list() {
        return models.models()
                .map(listing ->
                        new ModelsView(activeId(), models.folder().toString(), listing.models(), listing.unreadable()));
    }

    @GetMapping("/active")
    public Mono<ModelCatalog.Entry> active() {
        return activeEntry();
    }

    /** Makes a model active on every instance; an unknown one is 404, one that cannot be used 400, both naming it. */
    @PutMapping("/active")
    public Mono<ModelCatalog.Entry> activate(@RequestBody ActivateCommand command) {
        if (command.modelId() == null || command.modelId().isBlank()) {
            throw new InvalidInputException("modelId", "is required: a model's id or file name from GET models");
        }
        return models.activate(command.modelId().strip()).then(Mono.defer(this::activeEntry));
    }

    /** The active model as listed; one whose file is gone since it was loaded is described by itself. */
    private Mono<ModelCatalog.Entry> activeEntry() {
        TextClassifier model = classifier.active();
        if (model == null) {
            return Mono.error(new NotFoundException("the classifier is switched off (qihu.triage.classifier.enabled)"));
        }
        String active = model.info().id();
        return models.models()
                .map(listing -> listing.models().stream()
                        .filter(ModelCatalog.Entry::active)
                        .findFirst()
                        .orElseGet(() -> ModelCatalog.describe(model, null, null, false, active)));
    }

    private String activeId() {
        TextClassifier model = classifier.active();
        return model == null ? null : model.info().id();
    }
}

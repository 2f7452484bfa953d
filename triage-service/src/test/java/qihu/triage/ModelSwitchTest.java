package qihu.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static qihu.triage.RequestBuilder.aRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.Enterprise;
import qihu.support.testing.QihuServiceTest;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.KeywordRules;
import qihu.triage.classify.ModelCatalog.Entry;
import qihu.triage.classify.ModelFile;
import qihu.triage.classify.TextClassifier;
import qihu.triage.classify.Trainer;
import qihu.triage.cli.TriageCli;
import qihu.triage.io.DelimitedTable;
import qihu.triage.triaging.CaseClassifier;
import qihu.triage.triaging.ModelSwitch;
import qihu.triage.triaging.TriageCase;
import qihu.triage.triaging.TriageProperties;
import qihu.triage.web.ClassifierController.ModelsView;

/**
 * Models versioned and switched without a restart: manual triage decisions exported as CSV train a model with the
 * command line, the model put in the models folder is made active over HTTP and classifies the next request; what
 * cannot be used is refused; a model another instance made active is picked up from the store.
 */
@QihuServiceTest
class ModelSwitchTest extends TriageTestSupport {

    private static final String BUILT_IN = DefaultModel.get().info().id();

    @Autowired
    TriageProperties properties;

    @Autowired
    CaseClassifier classifier;

    @Autowired
    ModelSwitch modelSwitch;

    @TempDir
    Path work;

    private final List<Path> written = new ArrayList<>();

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @AfterEach
    void backToTheBuiltInModel() throws IOException {
        activate(BUILT_IN).expectStatus().isOk();
        for (Path file : written) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void decisionsTrainAModelThatIsMadeActiveWithoutARestart() throws IOException {
        Map<String, String> labelled = Map.of(
                "我司银行贷款下月到期，续贷手续迟迟办不下来，希望申请转贷资金。", "FINANCE",
                "银行突然抽贷，企业资金链紧张，请协调银行续贷。", "FINANCE",
                "新建厂房施工许可证申请已提交两个月，审批一直没有结果。", "PROJECT",
                "厂房扩建项目施工许可证审批进展缓慢，影响项目开工。", "PROJECT");
        int n = 0;
        for (Map.Entry<String, String> example : labelled.entrySet()) {
            // known by name only: each waits for a person
            RequestBuilder request = aRequest("training-" + n)
                    .from(new Enterprise(null, "义乌市某商行" + n++))
                    .titled("企业诉求")
                    .saying(example.getKey());
            publish(request.event());
            awaitCase(request.caseId());
            decide(request.caseId(), """
                            {"decision": "OPEN", "board": "%s", "reviewer": "li.na"}""".formatted(example.getValue()))
                    .expectStatus()
                    .isOk();
        }

        byte[] csv = http.get()
                .uri("/api/v1/triage-queue/decisions.csv")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody()
                .returnResult()
                .getResponseBody();
        Path export = Files.write(work.resolve("decisions.csv"), csv);
        DelimitedTable table = DelimitedTable.read(export);
        assertThat(table.header()).contains("text", "board", "complexity", "level", "boardOverridden", "reviewer");
        assertThat(table.rows()).hasSize(4);
        assertThat(table.rows())
                .extracting(row -> row.fields().get(table.column("text")))
                .allSatisfy(text -> assertThat(text).startsWith("企业诉求。"));

        Path model = properties.classifier().modelsDir().resolve("from-decisions-" + System.nanoTime() + ".model");
        written.add(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new TriageCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(
                        "train",
                        "--input",
                        export.toString(),
                        "--text-column",
                        "text",
                        "--label-column",
                        "board",
                        "--model",
                        model.toString());
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("trained on 4 examples");
        TextClassifier trained = ModelFile.read(model);
        assertThat(trained.labels("board")).containsExactly("FINANCE", "PROJECT");
        String id = trained.info().id();

        ModelsView before = models();
        assertThat(before.active()).isEqualTo(BUILT_IN);
        assertThat(before.models())
                .filteredOn(Entry::builtIn)
                .singleElement()
                .satisfies(m -> assertThat(m.active()).isTrue());
        assertThat(before.models())
                .filteredOn(m -> id.equals(m.id()))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.file()).isEqualTo(model.getFileName().toString());
                    assertThat(m.heads()).containsExactly("board");
                    assertThat(m.trainingExamples()).isEqualTo(4);
                    assertThat(m.created()).isNotNull();
                    assertThat(m.active()).isFalse();
                });

        Entry active = activate(id)
                .expectStatus()
                .isOk()
                .expectBody(Entry.class)
                .returnResult()
                .getResponseBody();
        assertThat(active.id()).isEqualTo(id);
        assertThat(active.active()).isTrue();
        assertThat(models().active()).isEqualTo(id);
        assertThat(mongo.findById("active-model", ModelSwitch.ActiveModel.class)
                        .block()
                        .modelId())
                .isEqualTo(id);

        RequestBuilder next = aRequest("classified-by-new-model").saying("银行续贷困难，请协调转贷资金。");
        publish(next.event());
        TriageCase classified = awaitCase(next.caseId());
        assertThat(classified.classifierEvidence().modelId()).isEqualTo(id);
        assertThat(classified.classification().board()).isIn("FINANCE", "PROJECT");
    }

    @Test
    void aModelThatIsUnknownOrCannotBeUsedIsRefusedNamingItAndTheActiveOneStays() throws IOException {
        Path broken = write("broken-" + System.nanoTime() + ".model", "not a model".getBytes(StandardCharsets.UTF_8));
        Path topics = properties.classifier().modelsDir().resolve("topics-" + System.nanoTime() + ".model");
        written.add(topics);
        ModelFile.write(tinyModel("topic"), topics);

        isProblem(activate("sha256:0000000000000000"), HttpStatus.NOT_FOUND)
                .jsonPath("$.detail")
                .value(detail ->
                        assertThat((String) detail).startsWith("modelId: no model \"sha256:0000000000000000\""));
        isProblem(activate(broken.getFileName().toString()), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("modelId")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("not a Qihu model file"));
        isProblem(activate(topics.getFileName().toString()), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("predicts [topic]", "--label-column board"));
        isProblem(
                        http.put()
                                .uri("/api/v1/classifier/active")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{}")
                                .exchange(),
                        HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("modelId");

        ModelsView models = models();
        assertThat(models.active()).isEqualTo(BUILT_IN);
        assertThat(models.unreadable())
                .filteredOn(u -> u.file().equals(broken.getFileName().toString()))
                .singleElement()
                .satisfies(u -> assertThat(u.problem()).contains("not a Qihu model file"));
        assertThat(classifier.active().info().id()).isEqualTo(BUILT_IN);
        assertThat(mongo.findById("active-model", ModelSwitch.ActiveModel.class).block())
                .isNull();
    }

    @Test
    void aModelAnotherInstanceMadeActiveIsPickedUpFromTheStore() throws IOException {
        TextClassifier tiny = tinyModel("board");
        Path file = properties.classifier().modelsDir().resolve("tiny-" + System.nanoTime() + ".model");
        written.add(file);
        ModelFile.write(tiny, file);

        mongo.save(new ModelSwitch.ActiveModel("active-model", tiny.info().id(), Instant.now()))
                .block();
        assertThat(modelSwitch.refresh().block()).isTrue();
        assertThat(classifier.active().info().id()).isEqualTo(tiny.info().id());
        assertThat(modelSwitch.refresh().block()).as("nothing new").isFalse();

        // nothing stored: the configured model
        dropDatabase();
        assertThat(modelSwitch.refresh().block()).isTrue();
        assertThat(classifier.active().info().id()).isEqualTo(BUILT_IN);
    }

    private static TextClassifier tinyModel(String head) {
        List<Trainer.Example> examples = List.of(
                new Trainer.Example("银行贷款到期续贷困难，申请转贷资金", Map.of(head, "FINANCE")),
                new Trainer.Example("融资担保怎么申请，银行贷款利率太高", Map.of(head, "FINANCE")),
                new Trainer.Example("厂房施工许可证审批缓慢，项目无法开工", Map.of(head, "PROJECT")),
                new Trainer.Example("新建项目用地规划许可审批缓慢", Map.of(head, "PROJECT")));
        return new Trainer().train(examples, List.of(head), KeywordRules.NONE, "tiny test model");
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = properties.classifier().modelsDir().resolve(name);
        Files.createDirectories(file.getParent());
        written.add(file);
        return Files.write(file, content);
    }

    private ModelsView models() {
        return http.get()
                .uri("/api/v1/classifier/models")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ModelsView.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec activate(String modelId) {
        return http.put()
                .uri("/api/v1/classifier/active")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("modelId", modelId))
                .exchange();
    }
}

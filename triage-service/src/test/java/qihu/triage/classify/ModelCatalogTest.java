package qihu.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models that can be made active: the built-in one and a folder's files, named by id or by file name. */
class ModelCatalogTest {

    @TempDir
    Path dir;

    private final TextClassifier builtIn = model("built-in", "银行贷款续贷困难", "厂房施工许可审批缓慢");
    private final TextClassifier other = model("other", "融资担保贷款利率太高", "项目用地规划审批缓慢");

    @Test
    void listsTheBuiltInModelThenTheFolderByNameAndSaysWhatIsWrongWithTheRest() throws IOException {
        Path folder = dir.resolve("models");
        ModelFile.write(other, folder.resolve("b-other.model"));
        Files.writeString(folder.resolve("a-broken.model"), "not a model", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(".hidden"), "ignored", StandardCharsets.UTF_8);

        ModelCatalog.Listing listing =
                new ModelCatalog(folder, () -> builtIn, null).list(other.info().id());

        assertThat(listing.models())
                .extracting(
                        ModelCatalog.Entry::id,
                        ModelCatalog.Entry::file,
                        ModelCatalog.Entry::builtIn,
                        ModelCatalog.Entry::active)
                .containsExactly(
                        tuple(builtIn.info().id(), null, true, false),
                        tuple(other.info().id(), "b-other.model", false, true));
        ModelCatalog.Entry entry = listing.models().get(1);
        assertThat(entry.heads()).containsExactly("board");
        assertThat(entry.description()).isEqualTo("other");
        assertThat(entry.trainingExamples()).isEqualTo(4);
        assertThat(entry.formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION);
        assertThat(entry.created())
                .isEqualTo(Files.getLastModifiedTime(folder.resolve("b-other.model"))
                        .toInstant());
        assertThat(listing.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.file()).isEqualTo("a-broken.model");
            assertThat(u.problem()).contains("not a Qihu model file");
        });
    }

    @Test
    void loadsByIdOrFileNameAndRefusesWhatItCannotLoad() throws IOException {
        ModelFile.write(other, dir.resolve("other.model"));
        Files.writeString(dir.resolve("broken.model"), "not a model", StandardCharsets.UTF_8);
        ModelCatalog catalog = new ModelCatalog(dir, () -> builtIn, null);

        assertThat(catalog.load(builtIn.info().id())).isSameAs(builtIn);
        assertThat(catalog.load(other.info().id()).info().id())
                .isEqualTo(other.info().id());
        assertThat(catalog.load("other.model").info().id())
                .isEqualTo(other.info().id());
        assertThatThrownBy(() -> catalog.load("broken.model"))
                .isInstanceOf(ModelFile.InvalidModelException.class)
                .hasMessageContaining("not a Qihu model file");
        assertThatThrownBy(() -> catalog.load("../other.model"))
                .isInstanceOf(ModelCatalog.UnknownModelException.class)
                .hasMessageContaining("no model \"../other.model\"");
    }

    @Test
    void aFileReplacedUnderTheSameNameIsReadAgain() throws IOException {
        Path file = dir.resolve("current.model");
        ModelFile.write(other, file);
        ModelCatalog catalog = new ModelCatalog(dir, () -> builtIn, null);
        assertThat(catalog.list(null).models().get(1).id())
                .isEqualTo(other.info().id());

        TextClassifier replacement = model("replacement", "出口退税迟迟未到账", "跨境电商出口备案");
        ModelFile.write(replacement, file);
        Files.setLastModifiedTime(
                file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(5)));

        assertThat(catalog.list(null).models().get(1).id())
                .isEqualTo(replacement.info().id());
        assertThat(catalog.load("current.model").info().id())
                .isEqualTo(replacement.info().id());
    }

    private static TextClassifier model(String description, String finance, String project) {
        List<Trainer.Example> examples = List.of(
                new Trainer.Example(finance + "，请协调", Map.of("board", "FINANCE")),
                new Trainer.Example("企业" + finance, Map.of("board", "FINANCE")),
                new Trainer.Example(project + "，请协调", Map.of("board", "PROJECT")),
                new Trainer.Example("企业" + project, Map.of("board", "PROJECT")));
        return new Trainer().train(examples, List.of("board"), KeywordRules.NONE, description);
    }
}

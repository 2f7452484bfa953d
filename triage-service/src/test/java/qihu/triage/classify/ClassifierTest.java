package qihu.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTest {

    private static final List<Trainer.Example> SMALL = List.of(
            example("出口退税三个月没有到账，请协调", "OPENING"),
            example("出口货物被海关查验滞留，请帮助", "OPENING"),
            example("跨境电商出口备案怎么办理", "OPENING"),
            example("银行贷款到期续贷困难，想申请转贷", "FINANCE"),
            example("融资担保怎么申请，贷款利率太高", "FINANCE"),
            example("银行抽贷导致资金链断裂", "FINANCE"));

    private static Trainer.Example example(String text, String board) {
        return new Trainer.Example(text, Map.of("board", board));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        // none of these texts is in the seed corpus
        "我司一批出口货物被宁波海关扣下了，报关单据都齐全，请帮忙了解原因, OPENING",
        "公司想申请一笔流动资金贷款，但银行要求抵押，能否帮助对接政府性融资担保, FINANCE",
        "园区门口的路灯坏了一个多月，晚上员工下班很危险，请尽快修好, APPEAL",
        "我们准备申报高新技术企业，研发费用归集不清楚，希望有人辅导, SCI_TECH",
        "厂房扩建的施工许可证迟迟办不下来，影响开工, PROJECT",
        "招不到数控技工，希望人社部门帮忙组织招聘, TALENT",
        "客户拖欠货款一百多万元，想通过诉讼追讨，请提供法律援助, LEGAL",
        "这个问题涉及好几个部门，都说不归自己管，互相推诿，不知道找谁, FALLBACK",
    })
    void theDefaultModelKnowsTheBoards(String text, String board) {
        Prediction prediction = DefaultModel.get().classify(text, DefaultModel.BOARD);

        assertThat(prediction.label()).as(prediction.toString()).isEqualTo(board);
    }

    @Test
    void thePredictionHasAConfidenceAndTheTopThree() {
        Map<String, Prediction> predictions = DefaultModel.get().classify("出口退税迟迟不到账");

        assertThat(predictions).containsOnlyKeys("board", "complexity", "level");
        Prediction board = predictions.get("board");
        assertThat(board.top()).hasSize(TextClassifier.TOP);
        assertThat(board.top().get(0).label()).isEqualTo(board.label());
        assertThat(board.top().get(0).probability()).isEqualTo(board.confidence());
        assertThat(board.top())
                .extracting(Prediction.Scored::probability)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }

    @Test
    void theDefaultModelPredictsTheConfiguredBoardsAndCanSayNothingElse() {
        List<String> codes =
                ServiceBoard.DEFAULTS.stream().map(ServiceBoard::code).toList();

        assertThat(codes)
                .containsExactly(
                        "PROJECT",
                        "POLICY",
                        "FINANCE",
                        "TALENT",
                        "LEGAL",
                        "SCI_TECH",
                        "OPENING",
                        "DATA",
                        "APPEAL",
                        "FALLBACK");
        assertThat(DefaultModel.get().labels("board")).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(DefaultModel.get().labels("complexity")).containsExactly("COMPLEX", "GENERAL", "MAJOR");
        assertThat(DefaultModel.get().labels("level")).containsExactly("CITY", "COUNTY", "TOWNSHIP");
        assertThatIllegalArgumentException().isThrownBy(() -> DefaultModel.get().classify("x", "region"));
    }

    @Test
    void keywordRulesMoveTheScore() {
        Trainer trainer = new Trainer();
        TextClassifier plain = trainer.train(SMALL, List.of("board"), KeywordRules.NONE, "plain");
        TextClassifier nudged = trainer.train(
                SMALL,
                List.of("board"),
                new KeywordRules(List.of(new KeywordRules.Rule("board", "FINANCE", "退税", 1.0))),
                "nudged");
        TextClassifier forced = trainer.train(
                SMALL,
                List.of("board"),
                new KeywordRules(List.of(new KeywordRules.Rule("board", "FINANCE", "退税", 100.0))),
                "forced");
        String text = "出口退税三个月没有到账";

        assertThat(plain.classify(text, "board").label()).isEqualTo("OPENING");
        assertThat(nudged.classify(text, "board").confidence())
                .isLessThan(plain.classify(text, "board").confidence());
        assertThat(forced.classify(text, "board").label()).isEqualTo("FINANCE");
        assertThat(forced.classify("银行贷款", "board").label()).isEqualTo("FINANCE");
        assertThat(nudged.info().id()).isNotEqualTo(plain.info().id());
    }

    @Test
    void trainingIsReproducible() throws IOException {
        TextClassifier once = new Trainer().train(SMALL, List.of("board"), KeywordRules.NONE, "small");
        TextClassifier twice = new Trainer().train(SMALL, List.of("board"), KeywordRules.NONE, "small");

        assertThat(once.info().id()).isEqualTo(twice.info().id()).startsWith("sha256:");
        assertThat(bytes(once)).isEqualTo(bytes(twice));
    }

    @Test
    void aModelFileReadsBackAsTheSameModel(@TempDir Path dir) throws IOException {
        TextClassifier model = DefaultModel.get();
        Path file = dir.resolve("models/board.model");

        ModelFile.write(model, file);
        TextClassifier read = ModelFile.read(file);

        assertThat(read.info()).isEqualTo(model.info());
        assertThat(read.info().formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION);
        assertThat(read.heads()).isEqualTo(model.heads());
        for (String text : List.of("出口退税迟迟不到账", "园区路灯坏了", "银行抽贷")) {
            assertThat(read.classify(text)).isEqualTo(model.classify(text));
        }
    }

    @Test
    void aDamagedOrForeignFileIsRefused(@TempDir Path dir) throws IOException {
        byte[] good = bytes(new Trainer().train(SMALL, List.of("board"), KeywordRules.NONE, "small"));
        byte[] payload = new GZIPInputStream(new ByteArrayInputStream(good)).readAllBytes();

        byte[] damaged = payload.clone();
        damaged[damaged.length / 2] ^= 1;
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(gzip(damaged)), "damaged.model"))
                .isInstanceOf(ModelFile.InvalidModelException.class)
                .hasMessageContaining("damaged");

        Path text = dir.resolve("text.model");
        Files.writeString(text, "text,label\n");
        assertThatThrownBy(() -> ModelFile.read(text))
                .isInstanceOf(ModelFile.InvalidModelException.class)
                .hasMessageContaining("not a Qihu model file");
    }

    @Test
    void aFileOfAnotherFormatVersionIsRefused() throws IOException {
        byte[] payload = new GZIPInputStream(new ByteArrayInputStream(
                        bytes(new Trainer().train(SMALL, List.of("board"), KeywordRules.NONE, "small"))))
                .readAllBytes();
        byte[] body = java.util.Arrays.copyOf(payload, payload.length - 32);
        body[10] = 9; // the format version's last byte, after the 7-byte magic
        byte[] rehashed = withDigest(body);

        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(gzip(rehashed)), "future.model"))
                .isInstanceOf(ModelFile.InvalidModelException.class)
                .hasMessageContaining("has model format 9; this version reads format 1");
    }

    @Test
    void trainingNeedsTwoLabels() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new Trainer().train(SMALL.subList(0, 3), List.of("board"), KeywordRules.NONE, "one label"))
                .withMessageContaining("at least two different labels");
    }

    @Test
    void crossValidationIsStratifiedAndDeterministic() {
        Trainer trainer = new Trainer();
        Evaluation first = CrossValidation.run(
                SMALL, "board", 3, e -> trainer.train(e, List.of("board"), KeywordRules.NONE, "cv"));
        Evaluation second = CrossValidation.run(
                SMALL, "board", 3, e -> trainer.train(e, List.of("board"), KeywordRules.NONE, "cv"));

        assertThat(first.total()).isEqualTo(SMALL.size());
        assertThat(first.confusion()).isDeepEqualTo(second.confusion());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CrossValidation.run(SMALL, "board", 1, e -> null))
                .withMessageContaining("folds");
    }

    private static byte[] bytes(TextClassifier model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(model, out);
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] withDigest(byte[] body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            byte[] all = java.util.Arrays.copyOf(body, body.length + digest.length);
            System.arraycopy(digest, 0, all, body.length, digest.length);
            return all;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

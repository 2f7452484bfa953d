package qihu.triage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line on small files, as a user would run it; errors are checked for what the user reads. */
class TriageCliTest {

    private static final String REQUESTS = """
            id,content,board
            1,出口退税三个月没有到账，请协调税务部门,OPENING
            2,"出口货物被海关查验, 滞留一周",OPENING
            3,跨境电商出口备案怎么办理,OPENING
            4,出口信用保险保费有没有补贴,OPENING
            5,银行贷款到期续贷困难，想申请转贷资金,FINANCE
            6,融资担保怎么申请，贷款利率太高,FINANCE
            7,银行抽贷导致资金链断裂,FINANCE
            8,"想办理知识产权质押融资，
            哪些银行可以办理",FINANCE
            """;

    private static final String PAIRS = """
            sentence1\tsentence2\tlabel
            我司新建厂房提交消防验收申请，至今未收到结果，请协调。\t您好，我司新建厂房提交消防验收申请，至今未收到结果，请协调，谢谢！\t1
            我司新建厂房提交消防验收申请，至今未收到结果，请协调。\t我司新建厂房提交环评验收申请，至今未收到结果，请协调。\t0
            银行突然抽贷200万元，请协调。\t银行突然抽贷500万元，请协调。\t0
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TriageCli cli;

    @BeforeEach
    void cli() {
        cli = new TriageCli(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** {@code command --input FILE --text-column content --label-column board} and the further arguments. */
    private int onBoards(String command, String input, String... more) {
        List<String> args = new ArrayList<>(
                List.of(command, "--input", input, "--text-column", "content", "--label-column", "board"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void trainsAModelThatEvaluateReads() throws IOException {
        Path data = file("requests.csv", REQUESTS);
        Path model = dir.resolve("out/board.model");

        int trained = onBoards("train", data.toString(), "--model", model.toString());
        assertThat(trained).as(err()).isZero();
        assertThat(model).exists();
        assertThat(out())
                .contains("model sha256:")
                .contains("trained on 8 examples")
                .contains("FINANCE=4, OPENING=4");

        out.reset();
        int evaluated = onBoards("evaluate", data.toString(), "--model", model.toString());

        assertThat(evaluated).as(err()).isZero();
        assertThat(out())
                .contains("accuracy: 1.0000")
                .containsPattern("(?m)^macro-F1: 1\\.0000$")
                .contains("FINANCE")
                .contains("confusion matrix");
    }

    @Test
    void keywordRulesFromAFileChangeTheModel() throws IOException {
        Path data = file("requests.csv", REQUESTS);
        Path rules = file("rules.tsv", "head\tlabel\tkeyword\tboost\nboard\tFINANCE\t退税\t100\n");
        Path model = dir.resolve("ruled.model");

        int code = onBoards("train", data.toString(), "--model", model.toString(), "--keyword-rules", rules.toString());
        assertThat(code).as(err()).isZero();
        out.reset();
        onBoards("evaluate", data.toString(), "--model", model.toString());

        // the one OPENING text that mentions 退税 is now FINANCE
        assertThat(out()).contains("accuracy: 0.8750");
    }

    @Test
    void aBadRuleIsAnErrorNamingTheLine() throws IOException {
        Path data = file("requests.csv", REQUESTS);
        Path rules = file("rules.tsv", "head\tlabel\tkeyword\tboost\nboard\tFINANCE\t退税\tlots\n");

        int code = onBoards("evaluate", data.toString(), "--folds", "2", "--keyword-rules", rules.toString());

        assertThat(code).isEqualTo(TriageCli.BAD_INPUT);
        assertThat(err()).contains("rules.tsv, line 2: the boost must be a number, got \"lots\"");
    }

    @Test
    void crossValidates() throws IOException {
        Path data = file("requests.csv", REQUESTS);

        int code = onBoards("evaluate", data.toString(), "--folds", "2");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("2-fold cross-validation").containsPattern("(?m)^macro-F1: [01]\\.\\d{4}$");
    }

    @Test
    void scoresPairsAndMeasuresDuplicates() throws IOException {
        Path pairs = file("pairs.tsv", PAIRS);

        int code = run("similarity", "--input", pairs.toString());

        assertThat(code).as(err()).isZero();
        assertThat(out().lines().toList())
                .startsWith("line\tscore\tdecision\tlabel\treason")
                .anySatisfy(line -> assertThat(line).startsWith("2\t").contains("\tDUPLICATE\t1\t"))
                .anySatisfy(line -> assertThat(line).startsWith("3\t").contains("\tUNCERTAIN\t0\t"))
                .anySatisfy(line -> assertThat(line).startsWith("4\t").contains("numbers differ"));
        assertThat(out())
                .contains("# DUPLICATE precision: 1.0000 (1 of 1)")
                .contains("# DUPLICATE recall: 1.0000 (1 of 1)")
                .contains("# DUPLICATE F1: 1.0000");
    }

    @Test
    void writesPairsToAFileWhenAsked() throws IOException {
        Path pairs = file("pairs.tsv", PAIRS.replace("\tlabel", "").replaceAll("\t[01]\n", "\n"));
        Path output = dir.resolve("scored.tsv");

        int code = run("similarity", "--input", pairs.toString(), "--output", output.toString());

        assertThat(code).as(err()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(4);
        assertThat(out()).contains("wrote 3 pairs").doesNotContain("precision");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "requests.csv | id,content,board\\n1,出口退税,OPENING\\n2,\"贷款难,FINANCE\\n | line 3: a quoted field is never closed",
                "requests.csv | id,content,board\\n1,出口退税,OPENING\\n2,贷款难\\n           | line 3: expected 3 fields as in the header, found 2",
                "requests.csv | id,content,board\\n1,出口退税,OPENING\\n2,,FINANCE\\n        | line 3: the text is empty",
                "requests.csv | id,content,board\\n1,出口退税,\\n                          | line 2: the label is empty",
                "requests.csv | id,text,board\\n1,出口退税,OPENING\\n                       | no column \"content\"; the header has id, text, board",
            })
    void aMalformedTrainingFileIsAnErrorNamingTheLine(String name, String content, String message) throws IOException {
        Path data = file(name.strip(), content.strip().replace("\\n", "\n"));

        int code = onBoards(
                "train", data.toString(), "--model", dir.resolve("m.model").toString());

        assertThat(code).isEqualTo(TriageCli.BAD_INPUT);
        assertThat(err())
                .startsWith("triage: " + data)
                .contains(message)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(dir.resolve("m.model")).doesNotExist();
    }

    @Test
    void aPairLabelOtherThanOneOrZeroIsAnErrorNamingTheLine() throws IOException {
        Path pairs = file("pairs.tsv", "sentence1\tsentence2\tlabel\n退税慢\t退税很慢\t1\n停电\t停水\tyes\n");

        int code = run("similarity", "--input", pairs.toString());

        assertThat(code).isEqualTo(TriageCli.BAD_INPUT);
        assertThat(err()).contains("line 3: the label must be 1 or 0, got \"yes\"");
    }

    @Test
    void aFileThatIsNotAModelIsRefused() throws IOException {
        Path data = file("requests.csv", REQUESTS);
        Path notAModel = file("board.model", "hello");

        int code = onBoards("evaluate", data.toString(), "--model", notAModel.toString());

        assertThat(code).isEqualTo(TriageCli.BAD_INPUT);
        assertThat(err()).contains("is not a Qihu model file");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "train --input x.csv --text-column t --label-column l               | --model is required",
                "train --input x.csv --text-column t --label-column l --model       | --model needs a value",
                "train --input x.csv --colour red                                   | unknown option --colour",
                "evaluate --input x.csv --text-column t --label-column l            | give either --model M or --folds K",
                "evaluate --input x.csv --text-column t --label-column l --folds 0  | --folds must be a positive whole number",
                "similarity --input missing.tsv                                     | no such file: missing.tsv",
                "rank --input x.csv                                                 | unknown command \"rank\"",
            })
    void aWrongCommandLineSaysWhatIsWrong(String commandLine, String message) {
        int code = run(commandLine.strip().split(" +"));

        assertThat(code).isEqualTo(TriageCli.BAD_INPUT);
        assertThat(err()).contains(message).doesNotContain("Exception");
    }
}

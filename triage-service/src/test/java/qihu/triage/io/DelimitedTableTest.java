package qihu.triage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelimitedTableTest {

    @Test
    void readsQuotedFieldsWithSeparatorsLineBreaksAndDoubledQuotes() {
        DelimitedTable table = DelimitedTable.parse(
                "t.csv", "\uFEFFtext,label\r\n\"退税慢, 请协调\",OPENING\r\n\"第一行\n第二行\",DATA\n\"他说\"\"好\"\"\",LEGAL\n", ',');

        assertThat(table.header()).containsExactly("text", "label");
        assertThat(table.rows())
                .extracting(DelimitedTable.Row::fields)
                .containsExactly(
                        List.of("退税慢, 请协调", "OPENING"), List.of("第一行\n第二行", "DATA"), List.of("他说\"好\"", "LEGAL"));
        assertThat(table.rows()).extracting(DelimitedTable.Row::line).containsExactly(2, 3, 5);
    }

    @Test
    void readsTabSeparatedFilesWhereQuotesAreJustCharacters(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pairs.tsv");
        Files.writeString(file, "sentence1\tsentence2\tlabel\n他说\"好\"\t好\t1\n");

        DelimitedTable table = DelimitedTable.read(file);

        assertThat(table.rows().get(0).fields()).containsExactly("他说\"好\"", "好", "1");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "text,label\\n退税慢,OPENING\\n停电,APPEAL,extra\\n           | 3 | a row with too many fields",
                "text,label\\n退税慢,OPENING\\n停电\\n                          | 3 | a row with too few fields",
                "text,label\\n\"退税慢,OPENING\\n停电,APPEAL\\n               | 2 | a quote never closed",
                "text,label\\n退税\"慢\",OPENING\\n                            | 2 | a quote inside an unquoted field",
                "text,label\\n\"退税\"慢,OPENING\\n                            | 2 | text after a closing quote",
                "text,text\\n退税慢,OPENING\\n                                 | 1 | a column named twice",
                "text,\\n退税慢,OPENING\\n                                     | 1 | a column without a name",
            })
    void aMalformedFileIsRefusedNamingTheLine(String content, int line, String why) {
        assertThatThrownBy(
                        () -> DelimitedTable.parse("data.csv", content.strip().replace("\\n", "\n"), ','))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("data.csv, line " + line + ": ")
                .extracting(e -> ((MalformedFileException) e).line())
                .isEqualTo(line);
    }

    @Test
    void anEmptyFileAndAMissingColumnAreRefused() {
        assertThatThrownBy(() -> DelimitedTable.parse("empty.csv", "", ','))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("empty");
        DelimitedTable table = DelimitedTable.parse("t.csv", "text,label\n退税慢,OPENING\n", ',');
        assertThatThrownBy(() -> table.column("board"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("no column \"board\"; the header has text, label");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gbk.csv");
        byte[] gbk = "text,label\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] row = "退税慢,OPENING\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        Files.write(file, concat(gbk, "停电,APPEAL\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), row));

        assertThatThrownBy(() -> DelimitedTable.read(file))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 3: not UTF-8 text");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

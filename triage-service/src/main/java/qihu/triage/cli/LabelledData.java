package qihu.triage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qihu.triage.classify.Trainer;
import qihu.triage.io.DelimitedTable;
import qihu.triage.io.MalformedFileException;

/** Labelled texts from a CSV or TSV: one or more text columns (joined as sentences) and a label column. */
final class LabelledData {

    /** Joins several text columns ("title,detail") into one text. */
    static final String SENTENCE_BREAK = "。";

    private LabelledData() {}

    static List<Trainer.Example> read(Path file, String textColumns, String labelColumn, String head)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + file);
        }
        DelimitedTable table = DelimitedTable.read(file);
        List<Integer> texts = new ArrayList<>();
        for (String column : textColumns.split(",")) {
            texts.add(table.column(column.strip()));
        }
        int label = table.column(labelColumn);
        List<Trainer.Example> examples = new ArrayList<>(table.rows().size());
        for (DelimitedTable.Row row : table.rows()) {
            List<String> parts = new ArrayList<>();
            for (int column : texts) {
                String part = row.fields().get(column).strip();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            String value = row.fields().get(label).strip();
            if (parts.isEmpty()) {
                throw new MalformedFileException(table.name(), row.line(), "the text is empty");
            }
            if (value.isEmpty()) {
                throw new MalformedFileException(table.name(), row.line(), "the label is empty");
            }
            examples.add(new Trainer.Example(String.join(SENTENCE_BREAK, parts), Map.of(head, value)));
        }
        if (examples.isEmpty()) {
            throw new MalformedFileException(table.name(), 0, "no data rows after the header");
        }
        return examples;
    }
}

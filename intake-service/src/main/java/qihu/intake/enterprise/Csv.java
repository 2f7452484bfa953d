package qihu.intake.enterprise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a UTF-8 CSV file with a header line (RFC 4180: fields may be quoted, quotes doubled inside), as exported by
 * a spreadsheet. Lines starting with {@code #} are comments.
 */
public final class Csv {

    /** One data line: its 1-based line number in the file (for error messages) and its fields by header name. */
    public record Row(int line, Map<String, String> fields) {
        public String get(String column) {
            String value = fields.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private static final char BOM = '\uFEFF';

    private Csv() {}

    public static List<Row> read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line, lineNumber);
                if (header == null) {
                    header = fields.stream().map(String::strip).toList();
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < fields.size() ? fields.get(i) : null);
                }
                rows.add(new Row(lineNumber, row));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fields(String line, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + lineNumber + ": unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}

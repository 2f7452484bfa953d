package qihu.triage.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A UTF-8 table with a header row: CSV (RFC 4180: fields in double quotes may hold the separator, line breaks and
 * doubled quotes) or TSV (tab-separated). Every row must have as many fields as the header; a byte-order mark and a
 * trailing empty line are tolerated. Anything else is a {@link MalformedFileException} naming the line.
 */
public final class DelimitedTable {

    private final String name;
    private final List<String> header;
    private final List<Row> rows;

    /** One data row and the line it starts on (1-based, the header is line 1). */
    public record Row(int line, List<String> fields) {}

    private DelimitedTable(String name, List<String> header, List<Row> rows) {
        this.name = name;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    /** Reads a file; the separator is a tab for {@code .tsv} files and a comma otherwise. */
    public static DelimitedTable read(Path file) throws IOException {
        char separator =
                file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        return parse(file.toString(), decode(file), separator);
    }

    public static DelimitedTable parse(String name, String content, char separator) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        new Parser(name, text, separator).parse(records, lines);
        if (records.isEmpty()) {
            throw new MalformedFileException(name, 0, "the file is empty; a header row is needed");
        }
        List<String> header = records.get(0);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip();
            if (column.isEmpty()) {
                throw new MalformedFileException(name, 1, "column " + (i + 1) + " of the header has no name");
            }
            if (seen.put(column, i) != null) {
                throw new MalformedFileException(name, 1, "the header names column \"" + column + "\" twice");
            }
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() != header.size()) {
                throw new MalformedFileException(
                        name,
                        lines.get(r),
                        "expected " + header.size() + " fields as in the header, found " + fields.size());
            }
            rows.add(new Row(lines.get(r), fields));
        }
        return new DelimitedTable(name, header.stream().map(String::strip).toList(), rows);
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The index of a column by its header name, or an error listing the columns there are. */
    public int column(String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new MalformedFileException(
                    name, 1, "no column \"" + column + "\"; the header has " + String.join(", ", header));
        }
        return index;
    }

    private static String decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            return text;
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(file.toString(), lineOfFirstBadByte(bytes), "not UTF-8 text");
        }
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                try {
                    decoder.decode(java.nio.ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    /** A small state machine over the characters; knows the line each record starts on. */
    private static final class Parser {
        private final String name;
        private final String text;
        private final char separator;
        private int line = 1;

        Parser(String name, String text, char separator) {
            this.name = name;
            this.text = text;
            this.separator = separator;
        }

        void parse(List<List<String>> records, List<Integer> lines) {
            int i = 0;
            int n = text.length();
            while (i < n) {
                int recordLine = line;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean endOfRecord = false;
                while (!endOfRecord) {
                    if (i < n && text.charAt(i) == '"' && separator == ',') {
                        i = quoted(i + 1, field);
                        if (i < n && text.charAt(i) != separator && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                            throw new MalformedFileException(
                                    name, line, "unexpected text after a closing quote; double a quote inside a field");
                        }
                    } else {
                        while (i < n
                                && text.charAt(i) != separator
                                && text.charAt(i) != '\n'
                                && text.charAt(i) != '\r') {
                            if (text.charAt(i) == '"' && separator == ',') {
                                throw new MalformedFileException(
                                        name, line, "a quote inside an unquoted field; quote the whole field");
                            }
                            field.append(text.charAt(i++));
                        }
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    if (i < n && text.charAt(i) == separator) {
                        i++;
                    } else {
                        i = endOfLine(i);
                        endOfRecord = true;
                    }
                }
                boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
                if (!blank) {
                    records.add(fields);
                    lines.add(recordLine);
                }
            }
        }

        private int quoted(int i, StringBuilder field) {
            int opened = line;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                i++;
            }
            throw new MalformedFileException(name, opened, "a quoted field is never closed");
        }

        private int endOfLine(int i) {
            if (i < text.length() && text.charAt(i) == '\r') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '\n') {
                i++;
            }
            line++;
            return i;
        }
    }
}

package qihu.triage.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import qihu.triage.io.DelimitedTable;

/**
 * A service board (服务板块): the horizontal division of enterprise services that departments claim cases by. The
 * taxonomy is configuration; {@link #DEFAULTS} are the ten boards of {@code classifier/boards.tsv}.
 *
 * @param code the code events carry ({@code FINANCE})
 * @param name the board's Chinese name (金融)
 * @param serves what it covers, for people
 */
public record ServiceBoard(String code, String name, String serves) {

    public static final String RESOURCE = "/classifier/boards.tsv";

    public static final List<ServiceBoard> DEFAULTS = load(RESOURCE);

    /** The codes of {@link #DEFAULTS}, in their order: what a case's board may be. */
    public static final List<String> DEFAULT_CODES =
            DEFAULTS.stream().map(ServiceBoard::code).toList();

    public static List<ServiceBoard> load(String resource) {
        try (InputStream in = ServiceBoard.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            DelimitedTable table =
                    DelimitedTable.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), '\t');
            int code = table.column("code");
            int name = table.column("name");
            int serves = table.column("serves");
            return table.rows().stream()
                    .map(row -> new ServiceBoard(
                            row.fields().get(code),
                            row.fields().get(name),
                            row.fields().get(serves)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

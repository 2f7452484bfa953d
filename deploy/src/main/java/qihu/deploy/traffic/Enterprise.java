package qihu.deploy.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A demo enterprise of the intake directory: credit code, name, region, industry. */
public record Enterprise(String uscc, String name, String regionCode, String industry) {

    /** The demo directory intake seeds itself with, relative to the repository root. */
    public static final Path DIRECTORY = Path.of("intake-service/src/main/resources/enterprises-jinhua.csv");

    public static List<Enterprise> demoDirectory(Path repoRoot) {
        Path file = repoRoot.resolve(DIRECTORY);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("uscc,"))
                    .map(line -> line.split(",", 4))
                    .map(f -> new Enterprise(f[0], f[1], f[2], f[3]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo enterprises from " + file, e);
        }
    }
}

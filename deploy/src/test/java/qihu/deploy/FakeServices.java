package qihu.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Ways to run {@link FakeService} as a child process. */
final class FakeServices {

    private FakeServices() {}

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -cp <test classes>:<classes> qihu.deploy.FakeService <args>}. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx32m",
                "-cp",
                classesDirectories().stream()
                        .map(Path::toString)
                        .reduce((a, b) -> a + ":" + b)
                        .orElseThrow(),
                FakeService.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A folder laid out like the real checkout ({@code <service>/target/<service>.jar}) whose jars start
     * {@link FakeService}. The jars only hold a manifest that points at the compiled test classes.
     */
    static Path createFakeRepo(Path root) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        attributes.put(
                Attributes.Name.CLASS_PATH,
                String.join(
                        " ",
                        classesDirectories().stream()
                                .map(dir -> dir.toUri().toString())
                                .toList()));
        for (Service service : Service.values()) {
            Path jar = root.resolve(service.moduleName()).resolve("target").resolve(service.moduleName() + ".jar");
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // The manifest is all there is.
            }
        }
        return root;
    }

    /** test-classes (FakeService) and classes (the constants it shares with main code). */
    private static List<Path> classesDirectories() {
        return List.of(location(FakeService.class), location(LocalStack.class));
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

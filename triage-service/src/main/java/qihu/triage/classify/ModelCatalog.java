package qihu.triage.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The models that can be made active (模型版本): the built-in default, the file configured at start-up if any, and every
 * model file in a folder. A model is named by its id (its content hash, see {@link ModelFile}) or by its file's name.
 * What each file holds is read once and remembered until the file changes (size or modification time).
 */
public final class ModelCatalog {

    /**
     * A model that can be made active.
     *
     * @param file the file's name in the folder, or its path when configured elsewhere; null for the built-in model
     * @param created when the file was written; null for the built-in model, which is trained at start-up
     * @param active whether it is the model in use, as the caller said
     */
    public record Entry(
            String id,
            String file,
            String description,
            int trainingExamples,
            int formatVersion,
            Instant created,
            List<String> heads,
            boolean builtIn,
            boolean active) {

        Entry markedActive() {
            return new Entry(id, file, description, trainingExamples, formatVersion, created, heads, builtIn, true);
        }
    }

    /** A file in the folder that is not a model this version can read, and why. */
    public record Unreadable(String file, String problem) {}

    public record Listing(List<Entry> models, List<Unreadable> unreadable) {}

    /** No model has that id or file name. */
    public static final class UnknownModelException extends IOException {
        public UnknownModelException(String message) {
            super(message);
        }
    }

    private record Stamp(long size, Instant modified) {}

    /** What a file holds: a model (its entry, not active) or why it is unreadable. */
    private record Read(Stamp stamp, Entry entry, Unreadable unreadable) {}

    private final Path folder;
    private final Supplier<TextClassifier> builtIn;
    private final Path configured;
    private final Map<Path, Read> read = new ConcurrentHashMap<>();

    /**
     * @param configured a model file configured outside the folder, listed too; null if none
     */
    public ModelCatalog(Path folder, Supplier<TextClassifier> builtIn, Path configured) {
        this.folder = folder;
        this.builtIn = builtIn;
        this.configured = configured;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Every model, the built-in one first, then the configured file and the folder's files by name.
     *
     * @param activeId the id of the model in use, marked {@link Entry#active()}; null for none
     */
    public Listing list(String activeId) throws IOException {
        List<Entry> models = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        models.add(describe(builtIn.get(), null, null, true, activeId));
        for (Path file : files()) {
            Read one = read(file);
            if (one.entry() != null) {
                models.add(one.entry().id().equals(activeId) ? one.entry().markedActive() : one.entry());
            } else {
                unreadable.add(one.unreadable());
            }
        }
        return new Listing(models, unreadable);
    }

    /**
     * Loads a model by id or file name.
     *
     * @throws UnknownModelException no model has that id or name
     * @throws ModelFile.InvalidModelException the named file is not a model this version reads
     */
    public TextClassifier load(String idOrFile) throws IOException {
        TextClassifier builtInModel = builtIn.get();
        if (builtInModel.info().id().equals(idOrFile)) {
            return builtInModel;
        }
        for (Path file : files()) {
            Read one = read(file);
            if (one.entry() != null
                    && (one.entry().id().equals(idOrFile) || nameOf(file).equals(idOrFile))) {
                return ModelFile.read(file);
            }
            if (one.unreadable() != null && nameOf(file).equals(idOrFile)) {
                throw new ModelFile.InvalidModelException(one.unreadable().problem());
            }
        }
        throw new UnknownModelException("no model \"" + idOrFile + "\": neither the built-in model nor a file in "
                + folder + " has that id or name");
    }

    /** The configured file, then the folder's regular files by name (the folder is created if missing). */
    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        if (configured != null) {
            files.add(configured);
        }
        Files.createDirectories(folder);
        try (Stream<Path> listed = Files.list(folder)) {
            listed.filter(Files::isRegularFile)
                    .filter(file -> !nameOf(file).startsWith("."))
                    .filter(file -> configured == null || !isSameFile(file, configured))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    private Read read(Path file) {
        Optional<Stamp> stamp = stamp(file);
        Read known = read.get(file);
        if (known != null && stamp.isPresent() && known.stamp().equals(stamp.get())) {
            return known;
        }
        Read fresh;
        try {
            TextClassifier model = ModelFile.read(file);
            Instant created = stamp.map(Stamp::modified).orElse(null);
            fresh = new Read(stamp.orElse(null), describe(model, displayName(file), created, false, null), null);
        } catch (IOException | RuntimeException e) {
            fresh = new Read(stamp.orElse(null), null, new Unreadable(displayName(file), e.getMessage()));
        }
        if (stamp.isPresent()) {
            read.put(file, fresh);
        }
        return fresh;
    }

    /** The entry of a model, wherever it comes from. */
    public static Entry describe(TextClassifier model, String file, Instant created, boolean builtIn, String activeId) {
        ModelInfo info = model.info();
        return new Entry(
                info.id(),
                file,
                info.description(),
                info.trainingExamples(),
                info.formatVersion(),
                created,
                model.heads(),
                builtIn,
                info.id().equals(activeId));
    }

    private String displayName(Path file) {
        return file.equals(configured) ? file.toString() : nameOf(file);
    }

    private static String nameOf(Path file) {
        return file.getFileName().toString();
    }

    private static Optional<Stamp> stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(
                    new Stamp(attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}

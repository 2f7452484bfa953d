package qihu.deploy;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.deploy.store.StandInStore;

/**
 * A MongoDB-compatible server (mongo-java-server) inside this JVM, persisting to an H2 MVStore file. Its oplog stays
 * off: no service uses change streams, and on would write every change twice and keep the copies forever.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private static final String HOST = Ports.LOOPBACK;

    /**
     * How the store keeps its data.
     *
     * @param inMemory for measurements of the services rather than of the stand-in store: everything in memory,
     *     forgotten when it stops (the H2 file backend compares the keys of its unique indexes by Java-serialising
     *     them, which takes most of the store's CPU under load; docs/benchmarks.md)
     * @param cacheMegabytes the H2 file's page cache, in the launcher's heap ({@code QIHU_LAUNCHER_JVM_OPTS})
     */
    public record Settings(boolean inMemory, int cacheMegabytes) {

        public static final String MEMORY_ENV = "QIHU_STORE_IN_MEMORY";
        public static final String CACHE_ENV = "QIHU_STORE_CACHE_MB";
        /**
         * The MVStore's default page cache (16 MB) is soon smaller than the collections; every page read after that
         * is deserialised again (Java serialisation), which made the store the stack's busiest part under load.
         */
        public static final Settings DEFAULT = new Settings(false, 384);

        public Settings {
            if (cacheMegabytes < 1) {
                throw new StackException(CACHE_ENV + " must be a positive number of megabytes, got " + cacheMegabytes);
            }
        }

        /** The defaults, overridden by {@value #MEMORY_ENV} ({@code true}/{@code false}) and {@value #CACHE_ENV}. */
        public static Settings fromEnvironment(Map<String, String> env) {
            String memory = env.getOrDefault(MEMORY_ENV, "").strip();
            if (!memory.isEmpty() && !memory.equalsIgnoreCase("true") && !memory.equalsIgnoreCase("false")) {
                throw new StackException(MEMORY_ENV + " must be true or false, got '" + memory + "'");
            }
            String cache = env.getOrDefault(CACHE_ENV, "").strip();
            int megabytes;
            try {
                megabytes = cache.isEmpty() ? DEFAULT.cacheMegabytes() : Integer.parseInt(cache);
            } catch (NumberFormatException e) {
                throw new StackException(CACHE_ENV + " must be a positive number of megabytes, got '" + cache + "'");
            }
            return new Settings(memory.equalsIgnoreCase("true"), megabytes);
        }
    }

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    /** Starts the server on {@code 127.0.0.1:port} with the default settings, its data in {@code databaseFile}. */
    public static EmbeddedMongo start(Path databaseFile, int port) {
        return start(databaseFile, port, Settings.DEFAULT);
    }

    /** Starts the server on {@code 127.0.0.1:port}, opening (or creating) {@code databaseFile} unless in memory. */
    public static EmbeddedMongo start(Path databaseFile, int port, Settings settings) {
        try {
            MongoBackend backend;
            if (settings.inMemory()) {
                backend = StandInStore.inMemory();
            } else {
                Files.createDirectories(databaseFile.toAbsolutePath().getParent());
                backend = StandInStore.inFile(new MVStore.Builder()
                        .fileName(databaseFile.toString())
                        .cacheSize(settings.cacheMegabytes())
                        .open());
            }
            MongoServer server = new MongoServer(backend);
            // bind() shuts the server (and closes the H2 file) itself when it fails.
            server.bind(HOST, port);
            EmbeddedMongo mongo = new EmbeddedMongo(server, "mongodb://" + HOST + ":" + port);
            log.info(
                    "MongoDB-compatible server ready on {} ({})",
                    mongo.connectionString,
                    settings.inMemory() ? "in memory, forgotten when it stops" : "data in " + databaseFile);
            return mongo;
        } catch (IOException | RuntimeException e) {
            throw new StackException(
                    "MongoDB server could not start on port " + port + " (data in " + databaseFile + "): " + e, e);
        }
    }

    /** {@code mongodb://127.0.0.1:<port>}, without a database name: each service picks its own. */
    public String connectionString() {
        return connectionString;
    }

    /** Disconnects remaining clients, stops listening and flushes the H2 file. */
    @Override
    public void close() {
        log.info("Stopping MongoDB server on {}", connectionString);
        server.shutdownNow();
    }
}

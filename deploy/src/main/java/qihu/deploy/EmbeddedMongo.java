package qihu.deploy;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Megabytes of the store's page cache, in the launcher's heap ({@code QIHU_LAUNCHER_JVM_OPTS}). */
    static final String CACHE_ENV = "QIHU_STORE_CACHE_MB";
    /**
     * For measurements of the services rather than of the stand-in store: the H2 file backend compares the keys of
     * its unique indexes by Java-serialising them, which takes most of the store's CPU under load (docs/benchmarks.md).
     */
    static final String MEMORY_ENV = "QIHU_STORE_IN_MEMORY";

    private static final int DEFAULT_CACHE_MB = 384;

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    /**
     * Starts the server on {@code 127.0.0.1:port}, opening (or creating) {@code databaseFile}; with
     * {@value #MEMORY_ENV}=true it keeps everything in memory instead and forgets it when it stops.
     */
    public static EmbeddedMongo start(Path databaseFile, int port) {
        boolean inMemory = "true".equalsIgnoreCase(System.getenv(MEMORY_ENV));
        try {
            MongoBackend backend;
            if (inMemory) {
                backend = StandInStore.inMemory();
            } else {
                Files.createDirectories(databaseFile.toAbsolutePath().getParent());
                backend = StandInStore.inFile(new MVStore.Builder()
                        .fileName(databaseFile.toString())
                        .cacheSize(cacheMegabytes())
                        .open());
            }
            MongoServer server = new MongoServer(backend);
            // bind() shuts the server (and closes the H2 file) itself when it fails.
            server.bind(HOST, port);
            EmbeddedMongo mongo = new EmbeddedMongo(server, "mongodb://" + HOST + ":" + port);
            log.info(
                    "MongoDB-compatible server ready on {} ({})",
                    mongo.connectionString,
                    inMemory ? "in memory, forgotten when it stops" : "data in " + databaseFile);
            return mongo;
        } catch (IOException | RuntimeException e) {
            throw new StackException(
                    "MongoDB server could not start on port " + port + " (data in " + databaseFile + "): " + e, e);
        }
    }

    /**
     * The MVStore's page cache. Its default (16 MB) is soon smaller than the collections; every page read after that
     * is deserialised again (Java serialisation), which made the store the stack's busiest part under load.
     */
    private static int cacheMegabytes() {
        String configured = System.getenv(CACHE_ENV);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_CACHE_MB;
        }
        try {
            int megabytes = Integer.parseInt(configured.strip());
            if (megabytes > 0) {
                return megabytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StackException(CACHE_ENV + " must be a positive number of megabytes, got '" + configured + "'");
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

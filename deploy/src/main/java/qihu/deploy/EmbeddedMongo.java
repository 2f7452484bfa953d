package qihu.deploy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-compatible server (mongo-java-server) inside this JVM, persisting to an H2 MVStore file. Its oplog stays
 * off: no service uses change streams, and on would write every change twice and keep the copies forever.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private static final String HOST = Ports.LOOPBACK;

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    /** Starts the server on {@code 127.0.0.1:port}, opening (or creating) {@code databaseFile}. */
    public static EmbeddedMongo start(Path databaseFile, int port) {
        try {
            Files.createDirectories(databaseFile.toAbsolutePath().getParent());
            MongoServer server = new MongoServer(new H2Backend(databaseFile.toString()));
            // bind() shuts the server (and closes the H2 file) itself when it fails.
            server.bind(HOST, port);
            EmbeddedMongo mongo = new EmbeddedMongo(server, "mongodb://" + HOST + ":" + port);
            log.info("MongoDB-compatible server ready on {} (data in {})", mongo.connectionString, databaseFile);
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

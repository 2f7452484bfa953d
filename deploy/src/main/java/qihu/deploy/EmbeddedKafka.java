package qihu.deploy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker + controller) running inside this JVM. The log
 * directory is formatted on first use only, so topics and records survive a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = Ports.LOOPBACK;
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int DEFAULT_PARTITIONS = 6;
    /** Single node: internal topics cannot have more than one replica. */
    private static final int SINGLE_REPLICA = 1;
    /** Written by the formatter; its presence means the directory already holds a cluster. */
    private static final String META_PROPERTIES = "meta.properties";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker on {@code 127.0.0.1:port} (clients) and {@code 127.0.0.1:controllerPort} (KRaft
     * controller), storing its log under {@code logDir}, and returns once it answers a metadata request.
     */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
        return start(logDir, port, controllerPort, port);
    }

    /**
     * @param advertisedPort the port the broker names to its clients: its own, or that of a proxy in front of it (the
     *     fault tests put one there, so that every connection after the first goes through the proxy)
     */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort, int advertisedPort) {
        Properties properties = brokerProperties(logDir, port, controllerPort, advertisedPort);
        KafkaRaftServer server = null;
        try {
            Files.createDirectories(logDir);
            formatIfNeeded(logDir);
            server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, HOST + ":" + port);
            kafka.awaitReady();
            log.info("Kafka broker ready on {} (data in {})", kafka.bootstrapServers, logDir);
            return kafka;
        } catch (Exception e) {
            if (server != null) {
                shutdown(server);
            }
            throw new StackException("Kafka could not start on port " + port + " (data in " + logDir + "): " + e, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        log.info("Stopping Kafka broker on {}", bootstrapServers);
        shutdown(server);
    }

    private static Properties brokerProperties(Path logDir, int port, int controllerPort, int advertisedPort) {
        String brokerEndpoint = BROKER_LISTENER + "://" + HOST + ":" + port;
        String advertisedEndpoint = BROKER_LISTENER + "://" + HOST + ":" + advertisedPort;
        String controllerEndpoint = CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort;
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                // A static voter set (rather than a dynamic quorum) lets the ports change between runs.
                Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
                Map.entry("listeners", brokerEndpoint + "," + controllerEndpoint),
                Map.entry("advertised.listeners", advertisedEndpoint),
                Map.entry(
                        "listener.security.protocol.map",
                        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", BROKER_LISTENER),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", String.valueOf(DEFAULT_PARTITIONS)),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", String.valueOf(SINGLE_REPLICA)),
                Map.entry("transaction.state.log.replication.factor", String.valueOf(SINGLE_REPLICA)),
                Map.entry("transaction.state.log.min.isr", String.valueOf(SINGLE_REPLICA)),
                Map.entry("share.coordinator.state.topic.replication.factor", String.valueOf(SINGLE_REPLICA)),
                Map.entry("share.coordinator.state.topic.min.isr", String.valueOf(SINGLE_REPLICA)),
                Map.entry("min.insync.replicas", String.valueOf(SINGLE_REPLICA)),
                // Consumers in a local stack should start at once instead of waiting for more members.
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return props;
    }

    private static void formatIfNeeded(Path logDir) throws Exception {
        if (isFormatted(logDir)) {
            return;
        }
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(formatterOutput, true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        log.info(
                "Formatted new Kafka storage in {}: {}",
                logDir,
                formatterOutput.toString(StandardCharsets.UTF_8).trim());
    }

    /** startup() returns before the broker necessarily serves clients; a metadata round trip proves it does. */
    private void awaitReady() throws Exception {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka did not shut down cleanly", e);
        }
    }

    /** Whether {@code logDir} already holds a formatted cluster. */
    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve(META_PROPERTIES));
    }
}

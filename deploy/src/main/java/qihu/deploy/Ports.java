package qihu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every TCP port the local stack listens on (all bound to 127.0.0.1). The defaults deliberately avoid the
 * well-known ports (9092, 27017, 8080...) so the stack can run next to a "real" Kafka or MongoDB.
 */
public record Ports(
        int kafka, int kafkaController, int mongo, int intake, int triage, int dispatch, int evaluation, int auth) {

    /** Everything binds to IPv4 loopback only: the stack is not reachable from other machines. */
    public static final String LOOPBACK = "127.0.0.1";

    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
    public static final int DEFAULT_MONGO_PORT = 27027;
    public static final int DEFAULT_INTAKE_PORT = 18081;
    public static final int DEFAULT_TRIAGE_PORT = 18082;
    public static final int DEFAULT_DISPATCH_PORT = 18083;
    public static final int DEFAULT_EVALUATION_PORT = 18084;
    public static final int DEFAULT_AUTH_PORT = 18080;

    public static final String KAFKA_PORT_ENV = "QIHU_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT_ENV = "QIHU_KAFKA_CONTROLLER_PORT";
    public static final String MONGO_PORT_ENV = "QIHU_MONGO_PORT";
    public static final String INTAKE_PORT_ENV = "QIHU_INTAKE_PORT";
    public static final String TRIAGE_PORT_ENV = "QIHU_TRIAGE_PORT";
    public static final String DISPATCH_PORT_ENV = "QIHU_DISPATCH_PORT";
    public static final String EVALUATION_PORT_ENV = "QIHU_EVALUATION_PORT";
    public static final String AUTH_PORT_ENV = "QIHU_AUTH_PORT";

    private static final int MAX_PORT = 65_535;
    private static final int PORT_COUNT = 8;

    public Ports {
        Map<String, Integer> all = describe(kafka, kafkaController, mongo, intake, triage, dispatch, evaluation, auth);
        Set<Integer> seen = new HashSet<>();
        all.forEach((name, port) -> {
            if (port < 1 || port > MAX_PORT) {
                throw new StackException(name + " must be a TCP port (1-" + MAX_PORT + "), got " + port);
            }
            if (!seen.add(port)) {
                throw new StackException("Port " + port + " is used twice (" + name + "); every port must differ");
            }
        });
    }

    public static Ports defaults() {
        return new Ports(
                DEFAULT_KAFKA_PORT,
                DEFAULT_KAFKA_CONTROLLER_PORT,
                DEFAULT_MONGO_PORT,
                DEFAULT_INTAKE_PORT,
                DEFAULT_TRIAGE_PORT,
                DEFAULT_DISPATCH_PORT,
                DEFAULT_EVALUATION_PORT,
                DEFAULT_AUTH_PORT);
    }

    /** Defaults, overridden by the {@code QIHU_*_PORT} variables present in {@code env}. */
    public static Ports fromEnvironment(Map<String, String> env) {
        return new Ports(
                port(env, KAFKA_PORT_ENV, DEFAULT_KAFKA_PORT),
                port(env, KAFKA_CONTROLLER_PORT_ENV, DEFAULT_KAFKA_CONTROLLER_PORT),
                port(env, MONGO_PORT_ENV, DEFAULT_MONGO_PORT),
                port(env, INTAKE_PORT_ENV, DEFAULT_INTAKE_PORT),
                port(env, TRIAGE_PORT_ENV, DEFAULT_TRIAGE_PORT),
                port(env, DISPATCH_PORT_ENV, DEFAULT_DISPATCH_PORT),
                port(env, EVALUATION_PORT_ENV, DEFAULT_EVALUATION_PORT),
                port(env, AUTH_PORT_ENV, DEFAULT_AUTH_PORT));
    }

    /**
     * Eight distinct ports that are free right now (for tests). All sockets are held open together so the OS
     * cannot hand out the same port twice.
     */
    public static Ports free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < PORT_COUNT; i++) {
                sockets.add(new ServerSocket(0, 1, loopback()));
            }
            return new Ports(
                    sockets.get(0).getLocalPort(),
                    sockets.get(1).getLocalPort(),
                    sockets.get(2).getLocalPort(),
                    sockets.get(3).getLocalPort(),
                    sockets.get(4).getLocalPort(),
                    sockets.get(5).getLocalPort(),
                    sockets.get(6).getLocalPort(),
                    sockets.get(7).getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports", e);
        } finally {
            sockets.forEach(Ports::closeQuietly);
        }
    }

    public int of(Service service) {
        return switch (service) {
            case INTAKE -> intake;
            case TRIAGE -> triage;
            case DISPATCH -> dispatch;
            case EVALUATION -> evaluation;
            case AUTH -> auth;
        };
    }

    /** Port by the environment variable that configures it, in a stable order (for messages). */
    public Map<String, Integer> byEnvironmentVariable() {
        return describe(kafka, kafkaController, mongo, intake, triage, dispatch, evaluation, auth);
    }

    /** Throws a {@link StackException} naming every port that something else already listens on. */
    public void requireAvailable() {
        List<String> busy = new ArrayList<>();
        byEnvironmentVariable().forEach((name, port) -> {
            if (!isAvailable(port)) {
                busy.add(port + " (" + name + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new StackException("Port(s) already in use: " + String.join(", ", busy)
                    + ". Is another Qihu stack (or something else) running? Stop it, or choose other ports"
                    + " with the variables named above.");
        }
    }

    static boolean isAvailable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the real servers: a socket of a just-stopped server lingering in TIME_WAIT must not count.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Integer> describe(
            int kafka, int kafkaController, int mongo, int intake, int triage, int dispatch, int evaluation, int auth) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(KAFKA_PORT_ENV, kafka);
        ports.put(KAFKA_CONTROLLER_PORT_ENV, kafkaController);
        ports.put(MONGO_PORT_ENV, mongo);
        ports.put(INTAKE_PORT_ENV, intake);
        ports.put(TRIAGE_PORT_ENV, triage);
        ports.put(DISPATCH_PORT_ENV, dispatch);
        ports.put(EVALUATION_PORT_ENV, evaluation);
        ports.put(AUTH_PORT_ENV, auth);
        return ports;
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a port number, got '" + value + "'");
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName(LOOPBACK);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Only used to reserve a number; nothing to clean up.
        }
    }
}

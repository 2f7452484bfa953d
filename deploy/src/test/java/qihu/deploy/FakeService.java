package qihu.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for a real service in tests: a tiny JVM that serves {@code /actuator/health} on {@code SERVER_PORT}.
 * Its behaviour is chosen with {@code FAKE_MODE}; {@code FAKE_FAIL=<service name>} makes only that service exit.
 */
public final class FakeService {

    static final String MODE_ENV = "FAKE_MODE";
    static final String FAIL_ENV = "FAKE_FAIL";
    static final String NAME_ENV = "FAKE_NAME";

    /** Serves health UP and {@code /echo} (what it received). */
    static final String HEALTHY = "healthy";
    /** Never listens: a health check gets no answer. */
    static final String SILENT = "silent";
    /** Prints a line and exits with {@link #FAILURE_EXIT_CODE}. */
    static final String EXIT = "exit";
    /** Ignores SIGTERM, so only SIGKILL stops it. */
    static final String STUBBORN = "stubborn";

    static final int FAILURE_EXIT_CODE = 3;
    static final String FAILURE_MESSAGE = "fake service giving up on purpose";

    public static void main(String[] args) throws Exception {
        String name = name();
        String mode =
                name.equals(System.getenv(FAIL_ENV)) ? EXIT : System.getenv().getOrDefault(MODE_ENV, HEALTHY);
        System.out.println("fake " + name + " starting in mode " + mode + " with args " + Arrays.toString(args));
        switch (mode) {
            case HEALTHY -> serve(Integer.parseInt(System.getenv(LocalStack.SERVER_PORT_ENV)), args);
            case SILENT -> System.out.println("fake " + name + " will not answer");
            case EXIT -> {
                System.out.println(FAILURE_MESSAGE);
                System.exit(FAILURE_EXIT_CODE);
            }
            case STUBBORN -> ignoreSigterm();
            default -> throw new IllegalArgumentException("Unknown " + MODE_ENV + ": " + mode);
        }
        new CountDownLatch(1).await();
    }

    /** From FAKE_NAME, else from the jar it was started from ({@code .../<name>/target/<name>.jar}). */
    private static String name() {
        String explicit = System.getenv(NAME_ENV);
        if (explicit != null) {
            return explicit;
        }
        String fileName =
                Path.of(System.getProperty("java.class.path")).getFileName().toString();
        return fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - ".jar".length()) : "fake";
    }

    private static void serve(int port, String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
        server.createContext(LocalStack.HEALTH_PATH, exchange -> respond(exchange, "{\"status\":\"UP\"}"));
        server.createContext(
                "/echo",
                exchange -> respond(
                        exchange,
                        String.join(
                                "\n",
                                "port=" + port,
                                "brokers=" + System.getenv(LocalStack.KAFKA_BROKERS_ENV),
                                "mongo=" + System.getenv(LocalStack.MONGO_URI_ENV),
                                "marker=" + System.getenv("FAKE_MARKER"),
                                "args=" + String.join(" ", args))));
        server.start();
        System.out.println("fake " + name() + " listening on " + port);
    }

    @SuppressWarnings("restriction")
    private static void ignoreSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sun.misc.SignalHandler.SIG_IGN);
        System.out.println("fake " + name() + " ignores SIGTERM");
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

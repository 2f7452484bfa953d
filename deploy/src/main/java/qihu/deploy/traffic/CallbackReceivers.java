package qihu.deploy.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.deploy.ChannelClient;
import qihu.deploy.Ports;

/**
 * The eleven channels' callback endpoints, as the channel systems would run them: {@code POST /callbacks/{channel}}
 * takes intake's answer if it is signed with that channel's key (401 otherwise) and counts it.
 */
public final class CallbackReceivers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackReceivers.class);
    private static final String PATH = "/callbacks/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, String> keys;
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final LongAdder forged = new LongAdder();

    private CallbackReceivers(HttpServer server, Map<String, String> keys) {
        this.server = server;
        this.keys = Map.copyOf(keys);
    }

    /** Listens on {@code 127.0.0.1:port} (0 for any free port). */
    public static CallbackReceivers start(int port, Map<String, String> keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
            CallbackReceivers receivers = new CallbackReceivers(server, keys);
            server.setExecutor(receivers.threads);
            server.createContext(PATH, receivers::handle);
            server.start();
            return receivers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for callbacks on port " + port, e);
        }
    }

    /** What intake's {@code qihu.intake.callbacks.base-url} should be: a channel's code is appended. */
    public URI baseUrl() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort() + PATH);
    }

    /** Answers received per channel, sorted by channel. */
    public Map<String, Long> received() {
        Map<String, Long> counts = new TreeMap<>();
        received.forEach((channel, count) -> counts.put(channel, count.sum()));
        return counts;
    }

    public long forged() {
        return forged.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String channel = exchange.getRequestURI().getPath().substring(PATH.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String key = keys.get(channel);
            String timestamp = headers.getFirst("X-Qihu-Timestamp");
            String nonce = headers.getFirst("X-Qihu-Nonce");
            String signature = headers.getFirst("X-Qihu-Signature");
            boolean genuine = key != null
                    && timestamp != null
                    && nonce != null
                    && signature != null
                    && MessageDigest.isEqual(
                            ChannelClient.signature(key, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII),
                            signature.getBytes(StandardCharsets.US_ASCII));
            if (!genuine) {
                forged.increment();
                log.warn("callback to {} refused: not signed with the channel's key", channel);
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            received.computeIfAbsent(channel, c -> new LongAdder()).increment();
            log.debug("callback to {}: {}", channel, new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package qihu.intake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import qihu.intake.security.ChannelAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels' side of answer-back: one real HTTP server with an address per channel, recording every call and
 * answering with whatever status a test sets for that channel (200 unless told otherwise).
 */
public final class CallbackReceiver {

    /** One call as the channel received it. */
    public record Call(String channel, Map<String, String> headers, byte[] body, int answeredWith) {
        public Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CallbackReceiver INSTANCE = new CallbackReceiver();
    private static final String PATH = "/callbacks/";

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, IntSupplier> answers = new ConcurrentHashMap<>();

    private CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext(PATH, exchange -> {
            String channel = exchange.getRequestURI().getPath().substring(PATH.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answers.getOrDefault(channel, () -> 200).getAsInt();
            Map<String, String> headers = new ConcurrentHashMap<>();
            for (String name : List.of(
                    ChannelAuthenticationFilter.CHANNEL,
                    ChannelAuthenticationFilter.TIMESTAMP,
                    ChannelAuthenticationFilter.NONCE,
                    ChannelAuthenticationFilter.SIGNATURE)) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            calls.add(new Call(channel, headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static CallbackReceiver instance() {
        return INSTANCE;
    }

    public String url(String channel) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + channel;
    }

    /** From now on the channel answers with {@code status}. */
    public void answer(String channel, int status) {
        answers.put(channel, () -> status);
    }

    public void answerOk(String channel) {
        answers.remove(channel);
    }

    /** Every call the channel received, in order; those it failed included. */
    public List<Call> callsTo(String channel) {
        return calls.stream().filter(call -> call.channel().equals(channel)).toList();
    }

    /** The notices the channel accepted about one of its requests, in order. */
    public List<Map<String, Object>> acceptedAbout(String channel, String idField, Object channelRequestId) {
        return callsTo(channel).stream()
                .filter(call -> call.answeredWith() / 100 == 2)
                .map(Call::json)
                .filter(json -> channelRequestId.equals(json.get(idField)))
                .toList();
    }
}

package qihu.deploy.load;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What this machine's HTTP stack can do with nothing behind it: a bare WebFlux endpoint on Reactor Netty (the server
 * intake runs on) that parses the same signed ~1 KB JSON bodies and answers 202 with a small JSON — no signature
 * check, no store, no broker. Intake's rate divided by this one is what intake's own work costs.
 */
final class WebFluxBaseline implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DisposableServer server;

    private WebFluxBaseline(DisposableServer server) {
        this.server = server;
    }

    static WebFluxBaseline start() {
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .POST(
                        "/api/v1/requests",
                        request -> request.bodyToMono(byte[].class)
                                .map(body -> {
                                    JsonNode parsed = JSON.readTree(body);
                                    return Map.of(
                                            "requestId",
                                            "bare-"
                                                    + parsed.path("channelRequestId")
                                                            .asString(),
                                            "status",
                                            "RECEIVED");
                                })
                                .flatMap(answer -> ServerResponse.status(HttpStatus.ACCEPTED)
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(JSON.writeValueAsString(answer))))
                .build();
        ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes));
        return new WebFluxBaseline(
                HttpServer.create().host("127.0.0.1").port(0).handle(adapter).bindNow());
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}

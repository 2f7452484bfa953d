package qihu.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;

class BodySizeLimitFilterTest {

    /** The limit of {@link ChannelAuthenticationFilterTest#properties}: 64 KB. */
    static final int LIMIT = 64 * 1024;

    final BodySizeLimitFilter filter = new BodySizeLimitFilter(ChannelAuthenticationFilterTest.properties(true));
    final AtomicBoolean bodyRead = new AtomicBoolean();
    final AtomicReference<Integer> bytesRead = new AtomicReference<>();

    final WebFilterChain intake =
            exchange -> DataBufferUtils.join(exchange.getRequest().getBody())
                    .doOnNext(buffer -> {
                        bodyRead.set(true);
                        bytesRead.set(buffer.readableByteCount());
                        DataBufferUtils.release(buffer);
                    })
                    .then();

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/requests")
                .contentLength(LIMIT + 1)
                .body(Flux.error(new AssertionError("the body must not be read"))));

        filter.filter(exchange, intake).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(bodyRead).isFalse();
    }

    @Test
    void aStreamedBodyIsStoppedAtTheFirstChunkOverTheLimit() {
        AtomicReference<Integer> chunksSent = new AtomicReference<>(0);
        Flux<DataBuffer> chunks = Flux.range(0, 100).map(i -> {
            chunksSent.set(i + 1);
            return DefaultDataBufferFactory.sharedInstance.wrap(new byte[4 * 1024]);
        });
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/v1/requests").body(chunks));

        filter.filter(exchange, intake).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(bodyRead).isFalse();
        assertThat(chunksSent.get())
                .as("no more read than the limit and one chunk")
                .isEqualTo(LIMIT / 4096 + 1);
    }

    @Test
    void aBodyWithinTheLimitPassesWhole() {
        byte[] body = "x".repeat(LIMIT).getBytes(StandardCharsets.UTF_8);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/requests")
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body.clone()))));

        filter.filter(exchange, intake).block();

        assertThat(exchange.getResponse().getStatusCode()).isNull();
        assertThat(bytesRead.get()).isEqualTo(LIMIT);
    }
}

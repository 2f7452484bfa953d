package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import qihu.intake.request.IntakeRequest;
import qihu.intake.security.ChannelNonces;
import reactor.core.publisher.Flux;

/**
 * Channel authentication as the running service applies it: signatures, nonces in the store, the body size limit on
 * a real connection. Every refused request leaves nothing stored. (Each way of refusing, one by one:
 * {@code ChannelAuthenticationFilterTest}.)
 */
class ChannelAuthenticationTest extends IntakeServiceTest {

    @Autowired
    ChannelNonces nonces;

    IntakeClient client;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        client = client();
    }

    @Test
    void aCapturedRequestSentAgainIsRefusedEvenThoughItsSignatureIsRight() {
        byte[] body = ChannelSamples.zheliban("ZLB-auth-1").body().bytes();
        Map<String, String> headers = client.signedHeaders("zheliban", body);

        client.post("/api/v1/channels/zheliban/requests", body, headers)
                .expectStatus()
                .isAccepted();
        isProblem(client.post("/api/v1/channels/zheliban/requests", body, headers), HttpStatus.UNAUTHORIZED)
                .jsonPath("$.errors[0].field")
                .isEqualTo("X-Qihu-Nonce");

        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void anUnsignedOrWronglySignedRequestIsRefusedAndNothingIsStored() {
        byte[] body = ChannelSamples.hotline("HL-auth-1").body().bytes();
        Map<String, String> otherChannelsKey =
                client.signedHeaders("hotline-12345", "demo-zheliban-key-1", IntakeClient.nonce(), Instant.now(), body);

        isProblem(client.post("/api/v1/channels/hotline-12345/requests", body, Map.of()), HttpStatus.UNAUTHORIZED);
        isProblem(
                        client.post("/api/v1/channels/hotline-12345/requests", body, otherChannelsKey),
                        HttpStatus.UNAUTHORIZED)
                .jsonPath("$.errors[0].field")
                .isEqualTo("X-Qihu-Signature");
        isProblem(
                client.post(
                        "/api/v1/requests",
                        JsonSample.of(RequestMother.hotlineRequest("HL-auth-2")).bytes(),
                        Map.of()),
                HttpStatus.UNAUTHORIZED);

        assertThat(stored()).isZero();
    }

    @Test
    void theChannelsSecondKeyWorksDuringARotation() {
        byte[] body = ChannelSamples.forum("ZQKT-auth-1").body().bytes();
        Map<String, String> nextKey = client.signedHeaders(
                "forum", security.keysOf("forum").get(1), IntakeClient.nonce(), Instant.now(), body);

        client.post("/api/v1/channels/forum/requests", body, nextKey)
                .expectStatus()
                .isAccepted();
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void aChannelCannotSubmitACanonicalRequestInAnotherChannelsName() {
        Map<String, Object> request = RequestMother.hotlineRequest("HL-auth-3");

        isProblem(
                        client.submitAs(
                                "zheliban",
                                "/api/v1/requests",
                                JsonSample.of(request).bytes()),
                        HttpStatus.FORBIDDEN)
                .jsonPath("$.errors[0].field")
                .isEqualTo("channel");
        assertThat(stored()).isZero();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        byte[] tooLarge = new byte[(int) security.maxBodySize().toBytes() + 1];
        isProblem(
                client.submitAs("zheliban", "/api/v1/channels/zheliban/requests", tooLarge),
                HttpStatus.CONTENT_TOO_LARGE);

        int chunk = 8 * 1024;
        long chunks = security.maxBodySize().toBytes() / chunk + 2;
        Flux<DataBuffer> streamed =
                Flux.range(0, (int) chunks).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[chunk]));
        isProblem(
                http.post()
                        .uri("/api/v1/channels/zheliban/requests")
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(h ->
                                client.signedHeaders("zheliban", new byte[0]).forEach(h::set))
                        .body(streamed, DataBuffer.class)
                        .exchange(),
                HttpStatus.CONTENT_TOO_LARGE);

        assertThat(stored()).isZero();
    }

    @Test
    void expiredNoncesAreSweptAndLiveOnesKept() {
        Instant longAgo = Instant.now().minus(security.maxAge()).minus(Duration.ofMinutes(1));
        assertThat(nonces.use("zheliban", "nonce-expired-0001", longAgo).block())
                .isTrue();
        assertThat(nonces.use("zheliban", "nonce-live-0000001", Instant.now()).block())
                .isTrue();

        assertThat(nonces.sweep().block()).isEqualTo(1);

        assertThat(nonces.use("zheliban", "nonce-live-0000001", Instant.now()).block())
                .as("still known: a replay is still refused")
                .isFalse();
        assertThat(List.of(nonces.use("zheliban", "nonce-expired-0001", Instant.now())
                        .block()))
                .containsExactly(true);
    }

    private long stored() {
        return mongo.count(new Query(), IntakeRequest.class).block();
    }
}

package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.intake.request.IntakeRequest;
import reactor.core.publisher.Mono;

/**
 * Accepted means stored: while the store is unreachable nothing is accepted, every channel is told to retry (503 with
 * Retry-After), and once it is back the same requests are taken, once.
 */
class StoreOutageTest extends IntakeServiceTest {

    IntakeClient client;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        client = client();
    }

    @AfterEach
    void storeBack() {
        STORE.restore();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(this::storeAnswers);
    }

    @Test
    void whileTheStoreIsDownRequestsAreRefusedWithRetryAfterAndAfterwardsTakenOnce() {
        var hotline = RequestMother.hotlineRequest("HL-outage-1");
        var visit = ChannelSamples.fieldVisit("FV-outage-1");
        var meeting = ChannelSamples.forum("ZQKT-outage-1");

        STORE.cut();

        unavailable(client.submit(hotline));
        unavailable(client.submit(visit.channel(), visit.body().bytes()));
        unavailable(client.submit(meeting.channel(), meeting.body().bytes()));
        unavailable(http.get()
                .uri("/api/v1/channels/hotline-12345/requests/HL-outage-1")
                .exchange());

        storeBack();
        assertThat(stored()).as("nothing was accepted while the store was down").isZero();

        client.submit(hotline)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(false);
        client.submit(visit.channel(), visit.body().bytes())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(2);
        client.submit(meeting.channel(), meeting.body().bytes()).expectStatus().isAccepted();
        client.submit(meeting.channel(), meeting.body().bytes())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(2);
        assertThat(stored()).isEqualTo(5);
    }

    private static void unavailable(WebTestClient.ResponseSpec response) {
        isProblem(response, HttpStatus.SERVICE_UNAVAILABLE);
        response.expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retryAfter -> assertThat(Integer.parseInt(retryAfter)).isPositive());
    }

    private boolean storeAnswers() {
        return mongo.getMongoDatabase()
                        .flatMap(db -> Mono.from(db.runCommand(new Document("ping", 1))))
                        .block(Duration.ofSeconds(3))
                != null;
    }

    private long stored() {
        return mongo.count(new Query(), IntakeRequest.class).block();
    }
}

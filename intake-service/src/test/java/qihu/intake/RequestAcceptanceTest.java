package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.EventEnvelope;
import qihu.events.RequestReceived;
import qihu.events.Topics;
import qihu.intake.request.IntakeRequest;

class RequestAcceptanceTest extends IntakeServiceTest {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
    }

    @Test
    void acceptsStoresAndPublishesARequestOnce() {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = submit(RequestMother.hotlineRequest("HL-accept-1"))
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .exists("Location")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).containsEntry("status", "RECEIVED").containsEntry("replayed", false);
        String requestId = (String) answer.get("requestId");

        assertThat(storedIds()).containsExactly(requestId);
        List<EventEnvelope<?>> published = eventsFor(requestId);
        assertThat(published).hasSize(1);
        RequestReceived event = (RequestReceived) published.get(0).payload();
        assertThat(event.channel()).isEqualTo("hotline-12345");
        assertThat(event.enterprise().uscc()).isEqualTo(RequestMother.USCC_HONGDA);
        assertThat(published.get(0).key()).isEqualTo(RequestMother.USCC_HONGDA);
        assertThat(published.get(0).correlationId()).isEqualTo(requestId);
        assertThat(mongo.findById(requestId, IntakeRequest.class).block().outbox())
                .isEmpty();
    }

    @Test
    void aResentChannelIdReturnsTheSameRequestAndStoresNothingNew() {
        submit(RequestMother.hotlineRequest("HL-resend-1")).expectStatus().isAccepted();
        String firstId = storedIds().get(0);

        submit(RequestMother.hotlineRequest("HL-resend-1"))
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.requestId")
                .isEqualTo(firstId)
                .jsonPath("$.replayed")
                .isEqualTo(true);

        assertThat(storedIds()).containsExactly(firstId);
        assertThat(eventsFor(firstId)).hasSize(1);
    }

    @Test
    void acceptedAndReplayedRequestsAreCountedPerChannel() {
        double accepted = count("qihu.requests.accepted", "hotline-12345");
        double replayed = count("qihu.requests.replayed", "hotline-12345");
        double otherChannel = count("qihu.requests.accepted", "zheliban");

        submit(RequestMother.hotlineRequest("HL-count-1")).expectStatus().isAccepted();
        submit(RequestMother.hotlineRequest("HL-count-1")).expectStatus().isAccepted();
        Map<String, Object> invalid = RequestMother.hotlineRequest("HL-count-2");
        invalid.remove("title");
        submit(invalid).expectStatus().isBadRequest();

        assertThat(count("qihu.requests.accepted", "hotline-12345")).isEqualTo(accepted + 1);
        assertThat(count("qihu.requests.replayed", "hotline-12345")).isEqualTo(replayed + 1);
        assertThat(count("qihu.requests.accepted", "zheliban")).isEqualTo(otherChannel);
        // As Prometheus scrapes it; a channel that sent nothing is there at zero.
        assertThat(http.get()
                        .uri("/actuator/prometheus")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("qihu_requests_accepted_total{application=\"intake-service\",channel=\"hotline-12345\"}")
                .contains("qihu_requests_accepted_total{application=\"intake-service\",channel=\"field-visit\"}");
    }

    private double count(String meter, String channel) {
        return meters.counter(meter, "channel", channel).count();
    }

    @Test
    void aChannelIdReusedForADifferentProblemIsAConflictNotALoss() {
        submit(RequestMother.hotlineRequest("HL-reuse-1")).expectStatus().isAccepted();
        Map<String, Object> other = RequestMother.hotlineRequest("HL-reuse-1");
        other.put("content", "另一个问题：企业用电报装进度缓慢。");

        submit(other)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("HL-reuse-1"));
        assertThat(storedIds()).hasSize(1);
    }

    @Test
    void statusIsVisibleByOurIdAndByTheChannelsId() {
        submit(RequestMother.hotlineRequest("HL-status-1")).expectStatus().isAccepted();
        String requestId = storedIds().get(0);

        http.get()
                .uri("/api/v1/requests/{id}", requestId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.channelRequestId")
                .isEqualTo("HL-status-1")
                .jsonPath("$.status")
                .isEqualTo("RECEIVED");
        http.get()
                .uri("/api/v1/channels/hotline-12345/requests/HL-status-1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.requestId")
                .isEqualTo(requestId);
        http.get()
                .uri("/api/v1/channels/hotline-12345/requests/never-sent")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static List<Arguments> badRequests() {
        return List.of(
                Arguments.of("missing channel id", change("channelRequestId", null), "channelRequestId"),
                Arguments.of(
                        "invalid credit code",
                        change("enterprise", Map.of("uscc", "91330782MA2D7QF51G", "name", "某公司")),
                        "enterprise.uscc"),
                Arguments.of(
                        "no enterprise name",
                        change("enterprise", Map.of("uscc", RequestMother.USCC_HONGDA)),
                        "enterprise.name"),
                Arguments.of("region not a code", change("regionCode", "金华"), "regionCode"),
                Arguments.of("empty title", change("title", "  "), "title"),
                Arguments.of("missing content", change("content", null), "content"),
                Arguments.of("bad phone", change("contact", Map.of("name", "王", "phone", "call me")), "contact.phone"),
                Arguments.of(
                        "attachment not a URL",
                        change("attachments", List.of(Map.of("uri", "C:\\x.jpg"))),
                        "attachments[0].uri"),
                Arguments.of("time not a time", change("receivedAt", "yesterday"), "receivedAt"),
                Arguments.of("time in the future", change("receivedAt", "2099-01-01T00:00:00+08:00"), "receivedAt"),
                Arguments.of("title of the wrong type", change("title", Map.of("zh", "标题")), "title"),
                Arguments.of("attachments not a list", change("attachments", "photo.jpg"), "attachments"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsAProblemNamingTheFieldAndNothingIsStored(String why, Map<String, Object> body, String field) {
        submit(body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field))
                .jsonPath("$.trace")
                .doesNotExist();
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void malformedJsonIsAProblemAboutTheBody() {
        client().submitAs(
                        "hotline-12345",
                        "/api/v1/requests",
                        "{\"channel\": \"hotline-12345\",".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("body");
        assertThat(storedIds()).isEmpty();
    }

    private WebTestClient.ResponseSpec submit(Map<String, Object> body) {
        return client().submit(body);
    }

    private List<String> storedIds() {
        return mongo.findAll(IntakeRequest.class)
                .map(IntakeRequest::requestId)
                .collectList()
                .block();
    }

    private List<EventEnvelope<?>> eventsFor(String requestId) {
        return eventsOn(Topics.REQUEST_RECEIVED, Duration.ofSeconds(3)).stream()
                .filter(e -> e.payload() instanceof RequestReceived r
                        && r.requestId().equals(requestId))
                .toList();
    }

    private static Map<String, Object> change(String field, Object value) {
        Map<String, Object> request = RequestMother.hotlineRequest("HL-bad-" + field);
        request.put(field, value);
        return request;
    }
}

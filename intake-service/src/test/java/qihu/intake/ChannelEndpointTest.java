package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.events.Attachment;
import qihu.events.EventEnvelope;
import qihu.events.RequestReceived;
import qihu.events.Topics;
import qihu.intake.ChannelSamples.ChannelSample;
import qihu.intake.ChannelSamples.Expected;
import qihu.intake.request.IntakeRequest;
import qihu.intake.request.RequestIds;

/** {@code POST /api/v1/channels/{channel}/requests}: every channel in its own shape, through HTTP to the store. */
class ChannelEndpointTest extends IntakeServiceTest {

    IntakeClient client;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        client = client();
    }

    static Stream<ChannelSample> samples() {
        return ChannelSamples.all("E" + System.nanoTime()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachChannelsPayloadIsStoredAsTheCanonicalRequest(ChannelSample sample) {
        WebTestClient.BodyContentSpec answer = client.submit(
                        sample.channel(), sample.body().bytes())
                .expectStatus()
                .isAccepted()
                .expectBody();
        Expected expected = sample.expected();
        String requestId = RequestIds.of(sample.channel(), expected.channelRequestId());
        if (expected.items() == 1) {
            answer.jsonPath("$.requestId")
                    .isEqualTo(requestId)
                    .jsonPath("$.replayed")
                    .isEqualTo(false);
        } else {
            answer.jsonPath("$.accepted")
                    .isEqualTo(expected.items())
                    .jsonPath("$.items[0].outcome")
                    .isEqualTo("ACCEPTED")
                    .jsonPath("$.items[0].requestId")
                    .isEqualTo(requestId);
        }

        assertThat(stored()).hasSize(expected.items());
        IntakeRequest request = mongo.findById(requestId, IntakeRequest.class).block();
        assertThat(request.channel()).isEqualTo(sample.channel());
        assertThat(request.channelRequestId()).isEqualTo(expected.channelRequestId());
        assertThat(request.enterprise().uscc()).isEqualTo(expected.uscc());
        assertThat(request.regionCode()).isEqualTo(expected.regionCode());
        assertThat(request.title()).isEqualTo(expected.title());
        assertThat(request.content()).contains(expected.contentFragment());
        assertThat(request.contact().phone()).isEqualTo(expected.contactPhone());
        assertThat(request.receivedAt()).isEqualTo(expected.receivedAt());
        assertThat(request.attachments())
                .extracting(Attachment::uri)
                .containsExactlyElementsOf(expected.attachmentUris());
    }

    @Test
    void everyStoredRequestIsPublishedOnceWhateverItsChannel() {
        List<ChannelSample> all = ChannelSamples.all("P" + System.nanoTime());
        all.forEach(sample -> client.submit(sample.channel(), sample.body().bytes())
                .expectStatus()
                .isAccepted());
        List<String> storedIds = stored().stream().map(IntakeRequest::requestId).toList();

        List<String> published = eventsOn(Topics.REQUEST_RECEIVED, Duration.ofSeconds(3)).stream()
                .map(EventEnvelope::payload)
                .map(RequestReceived.class::cast)
                .map(RequestReceived::requestId)
                .filter(storedIds::contains)
                .toList();

        assertThat(storedIds)
                .hasSize(all.stream().mapToInt(s -> s.expected().items()).sum());
        assertThat(published).containsExactlyInAnyOrderElementsOf(storedIds);
    }

    @Test
    void reSendingAPayloadReplaysItAndStoresNothingNew() {
        ChannelSample single = ChannelSamples.minhuwowei("MHWW-replay-1");
        ChannelSample batch = ChannelSamples.fieldVisit("FV-replay-1");
        client.submit(single.channel(), single.body().bytes()).expectStatus().isAccepted();
        client.submit(batch.channel(), batch.body().bytes()).expectStatus().isAccepted();

        client.submit(single.channel(), single.body().bytes())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(true);
        client.submit(batch.channel(), batch.body().bytes())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(0)
                .jsonPath("$.replayed")
                .isEqualTo(2)
                .jsonPath("$.items[*].outcome")
                .isEqualTo(List.of("REPLAYED", "REPLAYED"));
        assertThat(stored()).hasSize(3);
    }

    @Test
    void aBatchIsAllOrNothingPerItemWithAResultForEach() {
        ChannelSample earlier = ChannelSamples.forum("ZQKT-mixed-1");
        client.submit(earlier.channel(), earlier.body().without("problems[0]").bytes())
                .expectStatus()
                .isAccepted();
        @SuppressWarnings("unchecked")
        Map<String, Object> third = (Map<String, Object>) earlier.body().get("problems[0]");
        third.put("seq", 3);
        // Problem 1 is new, problem 2 was accepted by the call above, problem 3 has no title.
        JsonSample mixed = earlier.body()
                .with("problems[1].title", "工业用电峰谷电价调整影响生产排班")
                .with(
                        "problems",
                        List.of(
                                earlier.body().get("problems[0]"),
                                earlier.body().get("problems[1]"),
                                JsonSample.of(third).with("title", "").asMap()));

        client.submit("forum", mixed.bytes())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(1)
                .jsonPath("$.replayed")
                .isEqualTo(1)
                .jsonPath("$.rejected")
                .isEqualTo(1)
                .jsonPath("$.items[*].outcome")
                .isEqualTo(List.of("ACCEPTED", "REPLAYED", "INVALID"))
                .jsonPath("$.items[2].ref")
                .isEqualTo("3")
                .jsonPath("$.items[2].requestId")
                .doesNotExist()
                .jsonPath("$.items[2].errors[0].field")
                .isEqualTo("problems[2].title")
                .jsonPath("$.items[0].statusUrl")
                .isEqualTo("/api/v1/requests/" + RequestIds.of("forum", "ZQKT-mixed-1:1"));

        assertThat(stored())
                .extracting(IntakeRequest::channelRequestId)
                .containsExactlyInAnyOrder("ZQKT-mixed-1:1", "ZQKT-mixed-1:2");
    }

    @Test
    void anItemWhoseIdWasUsedForAnotherProblemIsAConflictOfThatItemOnly() {
        ChannelSample visit = ChannelSamples.fieldVisit("FV-conflict-1");
        client.submit(visit.channel(), visit.body().bytes()).expectStatus().isAccepted();

        client.submit(
                        visit.channel(),
                        visit.body().with("problems[1].desc", "另一个问题：园区停车位不足。").bytes())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.items[*].outcome")
                .isEqualTo(List.of("REPLAYED", "CONFLICT"))
                .jsonPath("$.items[1].errors[0].field")
                .isEqualTo("problems[1].no");
        assertThat(stored()).hasSize(2);
    }

    @Test
    void aBatchOfWhichNothingCanBeTakenIsAProblemListingEveryItem() {
        ChannelSample meeting = ChannelSamples.forum("ZQKT-bad-1")
                .with("problems[0].phone", "n/a")
                .with("problems[1].content", " ");

        isProblem(client.submit("forum", meeting.body().bytes()), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .isEqualTo(List.of("problems[0].phone", "problems[1].content"))
                .jsonPath("$.items[*].outcome")
                .isEqualTo(List.of("INVALID", "INVALID"));
        assertThat(stored()).isEmpty();
    }

    /** Every channel's time (a batch's is the meeting's or visit's), and the phone of each single request. */
    static Stream<Arguments> badPayloads() {
        return samples()
                .flatMap(sample -> Stream.concat(
                        Stream.of(Arguments.of(
                                sample.channel() + ": time",
                                sample.with(sample.fields().time(), "yesterday"),
                                sample.fields().time())),
                        sample.expected().items() > 1
                                ? Stream.empty()
                                : Stream.of(Arguments.of(
                                        sample.channel() + ": phone",
                                        sample.with(sample.fields().phone(), "call me"),
                                        sample.fields().phone()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void badNativeInputIsAProblemNamingTheChannelsFieldAndNothingIsStored(
            String why, ChannelSample broken, String field) {
        isProblem(client.submit(broken.channel(), broken.body().bytes()), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains(field));
        assertThat(stored()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsAProblemAboutTheBody() {
        isProblem(client.submit("zheliban", "{\"bizNo\": ".getBytes()), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("body");
        isProblem(client.submit("zheliban", new byte[0]), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("body");
        assertThat(stored()).isEmpty();
    }

    private List<IntakeRequest> stored() {
        return mongo.findAll(IntakeRequest.class).collectList().block();
    }
}

package qihu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import qihu.events.EventEnvelope;
import qihu.events.RequestReceived;
import qihu.events.Topics;
import qihu.intake.enterprise.DirectoryEntry;
import qihu.intake.enterprise.DirectoryLoader;
import qihu.intake.enterprise.DirectoryProperties;
import qihu.intake.enterprise.EnterpriseIdentity;
import qihu.intake.enterprise.EnterpriseNames;
import qihu.intake.request.IntakeRequest;
import qihu.intake.request.RequestIds;
import qihu.intake.request.Uscc;

/** A request naming its enterprise only by name is identified in the enterprise directory, or accepted flagged. */
class EnterpriseIdentityTest extends IntakeServiceTest {

    @Autowired
    DirectoryLoader directory;

    IntakeClient client;

    @BeforeEach
    void directoryLoaded() {
        dropDatabase();
        client = client();
        assertThat(directory.load().block().unchanged()).isFalse();
    }

    @Test
    void aNameFoundInTheDirectoryGetsItsCreditCode() {
        Map<String, Object> request = RequestMother.hotlineRequest("HL-name-1");
        // As typed by an operator: spaces and full-width brackets do not make another enterprise.
        request.put("enterprise", Map.of("name", " 义乌市鸿达小商品 有限公司"));

        String requestId = accepted(request, EnterpriseIdentity.NAME_MATCHED);

        IntakeRequest stored = mongo.findById(requestId, IntakeRequest.class).block();
        assertThat(stored.enterprise().uscc()).isEqualTo(ChannelSamples.HONGDA);
        assertThat(stored.enterprise().name()).isEqualTo("义乌市鸿达小商品有限公司");
        assertThat(stored.enterpriseIdentity()).isEqualTo(EnterpriseIdentity.NAME_MATCHED);
    }

    @Test
    void anUnknownNameIsAcceptedWithoutACreditCodeAndFlaggedWhereTheChannelLooks() {
        Map<String, Object> request = RequestMother.hotlineRequest("HL-name-2");
        request.put("enterprise", Map.of("name", "金华市某某贸易商行"));

        String requestId = accepted(request, EnterpriseIdentity.UNRESOLVED);

        http.get()
                .uri("/api/v1/channels/hotline-12345/requests/HL-name-2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enterpriseIdentity")
                .isEqualTo("UNRESOLVED");
        RequestReceived event = publishedFor(requestId);
        assertThat(event.enterprise().uscc())
                .as("triage never merges a request without a credit code")
                .isNull();
        assertThat(event.enterprise().name()).isEqualTo("金华市某某贸易商行");
    }

    @Test
    void aCreditCodeSentIsTakenAsSentAndSaysSo() {
        String requestId = accepted(RequestMother.hotlineRequest("HL-name-3"), EnterpriseIdentity.CREDIT_CODE);
        assertThat(mongo.findById(requestId, IntakeRequest.class)
                        .block()
                        .enterprise()
                        .uscc())
                .isEqualTo(RequestMother.USCC_HONGDA);
    }

    @Test
    void aNameTwoEnterprisesShareIdentifiesNeither() {
        // A second registration under the same name (another registration authority's).
        mongo.insert(new DirectoryEntry(
                        code("91330783MA2F808N3"),
                        ChannelSamples.MAGNETICS_NAME,
                        EnterpriseNames.normalise(ChannelSamples.MAGNETICS_NAME),
                        "330783",
                        "制造业"))
                .block();
        Map<String, Object> request = RequestMother.hotlineRequest("HL-name-4");
        request.put("enterprise", Map.of("name", ChannelSamples.MAGNETICS_NAME));

        accepted(request, EnterpriseIdentity.UNRESOLVED);
    }

    @Test
    void aForumProblemNamedOnlyByItsEnterpriseIsIdentified() {
        client.submit("forum", ChannelSamples.forum("ZQKT-id-1").body().bytes())
                .expectStatus()
                .isAccepted();

        IntakeRequest second = mongo.findById(RequestIds.of("forum", "ZQKT-id-1:2"), IntakeRequest.class)
                .block();
        assertThat(second.enterprise().uscc()).isEqualTo(ChannelSamples.MAGNETICS);
        assertThat(second.enterpriseIdentity()).isEqualTo(EnterpriseIdentity.NAME_MATCHED);
    }

    @Test
    void withoutARegionTheEnterprisesRegisteredRegionIsUsed() {
        client.submit(
                        "qiyema",
                        ChannelSamples.qiyema("QYM-region-1")
                                .without("areaCode")
                                .body()
                                .bytes())
                .expectStatus()
                .isAccepted();

        assertThat(mongo.findById(RequestIds.of("qiyema", "QYM-region-1"), IntakeRequest.class)
                        .block()
                        .regionCode())
                .isEqualTo("330702");
    }

    @Test
    void withoutARegionAndAnEnterpriseTheDirectoryDoesNotKnowTheRegionIsMissing() {
        var unknown = ChannelSamples.qiyema("QYM-region-2")
                .without("areaCode")
                .with("corp.creditCode", code("91330782MA2D7QF52"));

        isProblem(client.submit("qiyema", unknown.body().bytes()), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("areaCode");
        assertThat(mongo.findAll(IntakeRequest.class).collectList().block()).isEmpty();
    }

    @Test
    void anotherDirectoryIsLoadedFromTheConfiguredFileAndOnlyWhenItChanged(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("directory.csv");
        String newMaterials = code("91330702MA28Q5XW1");
        Files.writeString(
                csv,
                "uscc,name,region_code,industry\n"
                        + ChannelSamples.HONGDA + ",义乌市鸿达小商品有限公司,330782,批发和零售业\n"
                        + newMaterials + ",金华市城市新材料有限公司,330702,制造业\n",
                StandardCharsets.UTF_8);
        DirectoryLoader other = new DirectoryLoader(
                mongo,
                new DirectoryProperties(new FileSystemResource(csv), 1, Duration.ofSeconds(1), false),
                Clock.systemUTC());

        DirectoryLoader.Report first = other.load().block();
        DirectoryLoader.Report again = other.load().block();
        // Renamed since: the new file is loaded, and the new name resolves.
        Files.writeString(
                csv,
                "uscc,name,region_code,industry\n" + newMaterials + ",金华市城市新材料科技有限公司,330702,制造业\n",
                StandardCharsets.UTF_8);
        DirectoryLoader.Report changed = other.load().block();

        assertThat(List.of(first.loaded(), first.unchanged())).containsExactly(2, false);
        assertThat(again.unchanged()).isTrue();
        assertThat(changed.unchanged()).isFalse();
        Map<String, Object> request = RequestMother.hotlineRequest("HL-name-5");
        request.put("enterprise", Map.of("name", "金华市城市新材料科技有限公司"));
        accepted(request, EnterpriseIdentity.NAME_MATCHED);
    }

    @Test
    void atStartTheDirectoryLoadsInTheBackground() {
        dropDatabase();
        DirectoryLoader atStart = new DirectoryLoader(
                mongo,
                new DirectoryProperties(
                        new ClassPathResource("enterprises-jinhua.csv"), 500, Duration.ofSeconds(1), true),
                Clock.systemUTC());

        atStart.start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mongo.findById(ChannelSamples.MAGNETICS, DirectoryEntry.class)
                                    .block()
                            != null);
        } finally {
            atStart.stop();
        }
    }

    private static String code(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    private String accepted(Map<String, Object> request, EnterpriseIdentity identity) {
        return client.submit(request)
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .value(answer -> assertThat(answer).containsEntry("enterpriseIdentity", identity.name()))
                .returnResult()
                .getResponseBody()
                .get("requestId")
                .toString();
    }

    private RequestReceived publishedFor(String requestId) {
        return eventsOn(Topics.REQUEST_RECEIVED, Duration.ofSeconds(3)).stream()
                .map(EventEnvelope::payload)
                .filter(p -> p instanceof RequestReceived r && r.requestId().equals(requestId))
                .map(RequestReceived.class::cast)
                .findFirst()
                .orElseThrow();
    }
}

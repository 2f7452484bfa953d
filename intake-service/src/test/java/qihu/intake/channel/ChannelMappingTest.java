package qihu.intake.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import qihu.events.Attachment;
import qihu.intake.ChannelSamples;
import qihu.intake.ChannelSamples.ChannelSample;
import qihu.intake.ChannelSamples.Expected;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.RequestRules;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;

/** Every channel's native shape through its adapter, as the service reads it: JSON bytes in, canonical requests out. */
class ChannelMappingTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final Regions REGIONS = Regions.load(new ClassPathResource("regions.csv"));
    static final URI PHOTOS = URI.create("https://zqfw.jinhua.gov.example/app/photos/");

    static final List<ChannelMapper<?>> MAPPERS = List.of(
            new HotlineMapper(),
            new ZhelibanMapper(REGIONS),
            new MinhuwoweiMapper(REGIONS),
            new SanfuwuMapper(REGIONS),
            new MinqingMapper(REGIONS),
            new QiyemaMapper(REGIONS),
            new QinqingMapper(REGIONS),
            new HaochapingMapper(REGIONS),
            new ServiceWindowMapper(REGIONS),
            new ForumMapper(REGIONS),
            new FieldVisitMapper(REGIONS, new FieldVisitMapper.Settings(PHOTOS)));
    static final Set<String> CHANNELS =
            Set.copyOf(MAPPERS.stream().map(ChannelMapper::channel).toList());

    final ChannelAdapters adapters = new ChannelAdapters(MAPPERS, CHANNELS);
    final RequestRules rules = new RequestRules(CHANNELS);

    static Stream<ChannelSample> samples() {
        return ChannelSamples.all("T1").stream();
    }

    @Test
    void thereIsOneSampleForEveryAdapter() {
        assertThat(samples().map(ChannelSample::channel)).containsExactlyInAnyOrderElementsOf(CHANNELS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachChannelsSampleMapsToAValidCanonicalRequest(ChannelSample sample) {
        List<ChannelItem> items = read(sample);
        Expected expected = sample.expected();

        assertThat(items).hasSize(expected.items());
        for (ChannelItem item : items) {
            assertThat(violations(item)).as("violations of %s", item.ref()).isEmpty();
            assertThat(item.request().channel()).isEqualTo(sample.channel());
        }
        CanonicalRequest request = items.get(0).request();
        assertThat(request.channelRequestId()).isEqualTo(expected.channelRequestId());
        assertThat(request.enterprise().uscc()).isEqualTo(expected.uscc());
        assertThat(request.enterprise().name()).isEqualTo(expected.enterpriseName());
        assertThat(request.regionCode()).isEqualTo(expected.regionCode());
        assertThat(request.title()).isEqualTo(expected.title());
        assertThat(request.content()).contains(expected.contentFragment());
        assertThat(request.contact().phone()).isEqualTo(expected.contactPhone());
        assertThat(request.receivedAt().toInstant()).isEqualTo(expected.receivedAt());
        assertThat(request.attachments())
                .extracting(Attachment::uri)
                .containsExactlyElementsOf(expected.attachmentUris());
    }

    /** A change to a channel's sample and the field, in that channel's terms, that must be named for it. */
    record Breakage(String why, UnaryOperator<ChannelSample> change, Function<ChannelSample, String> field) {}

    static final List<Breakage> BREAKAGES = List.of(
            new Breakage(
                    "blank title",
                    s -> s.with(s.fields().title(), "  "),
                    s -> s.fields().title()),
            new Breakage(
                    "no content",
                    s -> s.without(s.fields().content()),
                    s -> s.fields().content()),
            new Breakage(
                    "phone not a phone",
                    s -> s.with(s.fields().phone(), "call me"),
                    s -> s.fields().phone()),
            new Breakage(
                    "credit code with a wrong check character",
                    s -> s.with(s.fields().uscc(), "91330782MA2D7QF51X"),
                    s -> s.fields().uscc()),
            new Breakage(
                    "time not a time",
                    s -> s.with(s.fields().time(), "yesterday"),
                    s -> s.fields().time()),
            new Breakage(
                    "unknown region",
                    s -> s.with(s.fields().region(), "火星市"),
                    s -> s.fields().region()),
            new Breakage(
                    "no id", s -> s.without(s.fields().id()), s -> s.fields().id()));

    static Stream<Arguments> breakages() {
        return samples()
                .flatMap(sample -> BREAKAGES.stream()
                        .map(b -> Arguments.of(
                                sample.channel() + ": " + b.why(),
                                b.change().apply(sample),
                                b.field().apply(sample))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void badInputIsNamedInTheChannelsOwnTerms(String why, ChannelSample broken, String field) {
        assertThat(allViolations(broken)).extracting(FieldViolation::field).contains(field);
    }

    static Stream<Arguments> channelSpecificBreakages() {
        return Stream.of(
                Arguments.of(
                        "hotline: a transcript line by nobody known",
                        ChannelSamples.hotline("HL-1").with("transcript[1].speaker", "robot"),
                        "transcript[1].speaker"),
                Arguments.of(
                        "hotline: no transcript",
                        ChannelSamples.hotline("HL-1").with("transcript", List.of()),
                        "transcript"),
                Arguments.of(
                        "zheliban: a file without its URL",
                        ChannelSamples.zheliban("Z-1").without("files[0].fileUrl"),
                        "files[0].fileUrl"),
                Arguments.of(
                        "zheliban: seconds where milliseconds belong",
                        ChannelSamples.zheliban("Z-1").with("submitTime", ChannelSamples.RAISED.getEpochSecond()),
                        "submitTime"),
                Arguments.of(
                        "zheliban: the matter as text",
                        ChannelSamples.zheliban("Z-1").with("matter", "厂房消防验收"),
                        "matter"),
                Arguments.of(
                        "minhuwowei: an attachment that is not a URL",
                        ChannelSamples.minhuwowei("M-1").with("fjlb", List.of("C:\\fj\\ydsq.pdf")),
                        "fjlb[0]"),
                Arguments.of(
                        "minqing: a village's statistical code",
                        ChannelSamples.minqing("MQ-1").with("regionName", "330726001001"),
                        "regionName"),
                Arguments.of(
                        "qiyema: no credit code from the enterprise's own app",
                        ChannelSamples.qiyema("Q-1").without("corp.creditCode"),
                        "corp.creditCode"),
                Arguments.of(
                        "haochaping: a good rating is not a request",
                        ChannelSamples.haochaping("H-1").with("grade", 4),
                        "grade"),
                Arguments.of(
                        "haochaping: a natural person's rating",
                        ChannelSamples.haochaping("H-1").with("evaluator.type", "natural_person"),
                        "evaluator.type"),
                Arguments.of(
                        "service-window: a ticket number that is not a number",
                        ChannelSamples.serviceWindow("JD-C-1", 7).with("ticketNo", "seven"),
                        "ticketNo"),
                Arguments.of(
                        "service-window: no date; not reported again as a missing staff number",
                        ChannelSamples.serviceWindow("JD-C-1", 7).without("serviceDate"),
                        "serviceDate"),
                Arguments.of(
                        "forum: the second problem repeats the first's number",
                        ChannelSamples.forum("ZQKT-1").with("problems[1].seq", 1),
                        "problems[1].seq"),
                Arguments.of(
                        "forum: a problem's phone",
                        ChannelSamples.forum("ZQKT-1").with("problems[1].phone", "n/a"),
                        "problems[1].phone"),
                Arguments.of(
                        "forum: no meeting number",
                        ChannelSamples.forum("ZQKT-1").without("meeting.meetingNo"),
                        "meeting.meetingNo"),
                Arguments.of(
                        "forum: no problems", ChannelSamples.forum("ZQKT-1").with("problems", List.of()), "problems"),
                Arguments.of(
                        "field-visit: a photo ref that is a path",
                        ChannelSamples.fieldVisit("FV-1").with("problems[0].photo_refs[1]", "../../etc/passwd"),
                        "problems[0].photo_refs[1]"),
                Arguments.of(
                        "field-visit: the enterprise's name, shared by every problem",
                        ChannelSamples.fieldVisit("FV-1").without("enterprise.name"),
                        "enterprise.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channelSpecificBreakages")
    void channelSpecificRulesAreNamedInTheChannelsTerms(String why, ChannelSample broken, String field) {
        assertThat(allViolations(broken)).extracting(FieldViolation::field).contains(field);
    }

    @Test
    void aMissingPartOfAWindowTicketIdIsReportedOnlyWhereItIsMissing() {
        var broken = ChannelSamples.serviceWindow("JD-C-1", 7).without("serviceDate");
        assertThat(allViolations(broken)).extracting(FieldViolation::field).containsExactly("serviceDate");
    }

    @Test
    void aBatchReportsEachItemApart() {
        var sample = ChannelSamples.forum("ZQKT-2").with("problems[1].title", "");
        List<ChannelItem> items = read(sample);

        assertThat(violations(items.get(0))).isEmpty();
        assertThat(violations(items.get(1))).extracting(FieldViolation::field).containsExactly("problems[1].title");
    }

    @Test
    void aForumProblemWithoutItsOwnRegionIsTheMeetingsAndMayNameItsEnterpriseOnly() {
        CanonicalRequest second = read(ChannelSamples.forum("ZQKT-3")).get(1).request();

        assertThat(second.channelRequestId()).isEqualTo("ZQKT-3:2");
        assertThat(second.regionCode()).isEqualTo("330700");
        assertThat(second.enterprise().uscc()).isNull();
        assertThat(second.enterprise().name()).isEqualTo(ChannelSamples.MAGNETICS_NAME);
        assertThat(second.channelDetails()).containsEntry("meetingNo", "ZQKT-3");
    }

    @Test
    void whatTheCanonicalRequestHasNoFieldForIsKeptAsChannelDetails() {
        assertThat(read(ChannelSamples.hotline("HL-2")).get(0).request().channelDetails())
                .containsEntry("operatorId", "HL-OP-0231");
        assertThat(read(ChannelSamples.serviceWindow("JD-C-9", 3))
                        .get(0)
                        .request()
                        .channelDetails())
                .containsEntry("staffNo", "JD-C-9")
                .containsEntry("windowNo", "综合受理3号窗");
        assertThat(read(ChannelSamples.fieldVisit("FV-2")).get(1).request().channelDetails())
                .containsEntry("officerId", "ZQZY-0788");
    }

    @Test
    void fieldsAChannelAddedLaterAreIgnored() {
        var sample =
                ChannelSamples.zheliban("Z-2").with("matter.priority", "HIGH").with("traceId", "abc");
        assertThat(violations(read(sample).get(0))).isEmpty();
    }

    @Test
    void bodiesThatAreNotTheChannelsJsonAreAboutTheBody() {
        for (String body : List.of("{\"bizNo\": ", "[1, 2]", "null", "")) {
            assertThatThrownBy(() -> adapters.read("zheliban", body.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.violations())
                                    .extracting(FieldViolation::field)
                                    .containsExactly("body"));
        }
    }

    @Test
    void aChannelWithoutAnAdapterIsNotFound() {
        assertThatThrownBy(() -> adapters.read("fax-machine", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anAdapterForAChannelNotConfiguredStopsTheServiceFromStarting() {
        assertThatThrownBy(() -> new ChannelAdapters(MAPPERS, Set.of("hotline-12345")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zheliban");
    }

    private List<ChannelItem> read(ChannelSample sample) {
        return adapters.read(sample.channel(), sample.body().bytes()).items();
    }

    private List<FieldViolation> violations(ChannelItem item) {
        return item.names().report(item.violations(), rules.violations(item.request(), NOW));
    }

    /** Everything the service would report about a payload, whether the whole payload or an item is at fault. */
    private List<FieldViolation> allViolations(ChannelSample sample) {
        try {
            List<FieldViolation> all = new ArrayList<>();
            read(sample).forEach(item -> all.addAll(violations(item)));
            return all;
        } catch (InvalidInputException e) {
            return e.violations();
        }
    }
}

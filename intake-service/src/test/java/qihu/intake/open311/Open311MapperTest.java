package qihu.intake.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.MultiValueMap;
import qihu.intake.Open311Forms;
import qihu.intake.channel.ChannelItem;
import qihu.intake.channel.Regions;
import qihu.intake.open311.Open311Properties.ServiceBoard;
import qihu.intake.request.CanonicalRequest;
import qihu.support.web.FieldViolation;

/** The POST form's adapter on its own: what a form maps to, and what it finds wrong, by the form's names. */
class Open311MapperTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final ServiceBoard OPENING = new ServiceBoard("OPENING", "开放", "外贸", List.of(), "企业服务");

    final Open311Mapper mapper = new Open311Mapper(Regions.load(new ClassPathResource("regions.csv")));

    static Open311Form form(MultiValueMap<String, String> params) {
        return new Open311Form(new LinkedHashMap<>(params));
    }

    ChannelItem map(MultiValueMap<String, String> params, LocalDate today) {
        return mapper.map("open311", OPENING, form(params), today);
    }

    @Test
    void aFormMapsToTheCanonicalRequestWithTheBoardAsAHint() {
        ChannelItem item = map(Open311Forms.exportRebate(), TODAY);

        CanonicalRequest r = item.request();
        assertThat(item.violations()).isEmpty();
        assertThat(r.channel()).isEqualTo("open311");
        assertThat(r.channelRequestId())
                .startsWith(Open311Mapper.DERIVED_ID_PREFIX)
                .hasSize(29);
        assertThat(r.enterprise().uscc()).isEqualTo(Open311Forms.USCC_YONGKANG);
        assertThat(r.enterprise().name()).isEqualTo(Open311Forms.YONGKANG_NAME);
        assertThat(r.regionCode()).isEqualTo("330784");
        assertThat(r.title()).isEqualTo("出口退税办理进度查询无反馈");
        assertThat(r.content()).isEqualTo(Open311Forms.DESCRIPTION);
        assertThat(r.contact().name()).isEqualTo("李会计");
        assertThat(r.attachments())
                .extracting(a -> a.uri())
                .containsExactly("https://oss.yk-hardware.example/rebate/2026-09.pdf");
        assertThat(r.receivedAt()).as("the time intake accepts it").isNull();
        assertThat(r.channelDetails())
                .containsEntry("serviceCode", "OPENING")
                .containsEntry("lat", "28.8953")
                .containsEntry("long", "120.0339")
                .containsEntry("address", "浙江省金华市永康市经济开发区长城路8号")
                .containsEntry("email", "li.kuaiji@yk-hardware.example")
                .doesNotContainKey("accountId");
    }

    @Test
    void theDerivedIdIsTheSameForTheSameFormTheSameDayAndOnlyThen() {
        String id = map(Open311Forms.exportRebate(), TODAY).request().channelRequestId();

        Map<String, List<String>> reordered = new LinkedHashMap<>();
        List<Map.Entry<String, List<String>>> entries =
                List.copyOf(Open311Forms.exportRebate().entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            reordered.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        reordered.put("api_key", List.of("demo-open311-api-key-2"));
        reordered.put("device_id", List.of("  "));
        assertThat(mapper.map("open311", OPENING, new Open311Form(reordered), TODAY)
                        .request()
                        .channelRequestId())
                .as("parameter order, a blank parameter and the key it was sent with do not matter")
                .isEqualTo(id);

        assertThat(map(Open311Forms.exportRebate(), TODAY.plusDays(1)).request().channelRequestId())
                .as("reported again another day: a new request, for triage to merge")
                .isNotEqualTo(id);
        assertThat(map(Open311Forms.exportRebate(f -> f.set("phone", "13757900000")), TODAY)
                        .request()
                        .channelRequestId())
                .isNotEqualTo(id);
        assertThat(map(Open311Forms.exportRebate(f -> f.set("attribute[client_request_id]", "YK-42")), TODAY)
                        .request()
                        .channelRequestId())
                .isEqualTo("YK-42");
    }

    static Stream<Arguments> findings() {
        return Stream.of(
                Arguments.of((Consumer<MultiValueMap<String, String>>) f -> f.set("lat", "north"), "lat"),
                Arguments.of((Consumer<MultiValueMap<String, String>>) f -> f.set("lat", "-90.5"), "lat"),
                Arguments.of((Consumer<MultiValueMap<String, String>>) f -> f.set("long", "180.01"), "long"),
                Arguments.of((Consumer<MultiValueMap<String, String>>) f -> f.remove("lat"), "lat"),
                Arguments.of(
                        (Consumer<MultiValueMap<String, String>>) f -> {
                            f.remove("lat");
                            f.remove("long");
                            f.remove("address_string");
                        },
                        "lat"),
                Arguments.of((Consumer<MultiValueMap<String, String>>) f -> f.set("email", "li@"), "email"),
                Arguments.of(
                        (Consumer<MultiValueMap<String, String>>) f -> f.set("attribute[region]", "上海"),
                        "attribute[region]"),
                Arguments.of(
                        (Consumer<MultiValueMap<String, String>>) f -> f.set("attribute[size]", "big"),
                        "attribute[size]"),
                Arguments.of(
                        (Consumer<MultiValueMap<String, String>>) f -> f.set("attribute[region][]", "永康市"),
                        "attribute[region][]"));
    }

    @ParameterizedTest
    @MethodSource("findings")
    void whatOnlyTheFormCanGetWrongIsFoundByItsName(Consumer<MultiValueMap<String, String>> breaking, String field) {
        List<FieldViolation> violations =
                map(Open311Forms.exportRebate(breaking), TODAY).violations();

        assertThat(violations).extracting(FieldViolation::field).containsExactly(field);
    }

    @Test
    void onlyAnAddressOrAnAddressIdIsALocationToo() {
        assertThat(map(
                                Open311Forms.exportRebate(f -> {
                                    f.remove("lat");
                                    f.remove("long");
                                }),
                                TODAY)
                        .violations())
                .isEmpty();
        assertThat(map(
                                Open311Forms.exportRebate(f -> {
                                    f.remove("lat");
                                    f.remove("long");
                                    f.remove("address_string");
                                    f.set("address_id", "YK-0001");
                                }),
                                TODAY)
                        .violations())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "经理, 王, 王经理",
        "John, Smith, John Smith",
        ", 王, 王",
        "John, , John",
    })
    void namesReadAsTheirLanguageWritesThem(String first, String last, String name) {
        assertThat(Open311Mapper.personName(first, last)).isEqualTo(name);
    }

    @Test
    void theTitleIsTheDescriptionsFirstLineCut() {
        assertThat(Open311Mapper.title("  厂房消防验收迟迟未办结\n详细情况……")).isEqualTo("厂房消防验收迟迟未办结");
        String long41 = "长".repeat(Open311Mapper.TITLE_LENGTH + 1);
        assertThat(Open311Mapper.title(long41)).isEqualTo("长".repeat(Open311Mapper.TITLE_LENGTH) + "…");
        assertThat(Open311Mapper.title(null)).isNull();
    }

    @Test
    void errorsOfTheCanonicalRulesAreReportedByTheFormsNames() {
        assertThat(Open311Mapper.NAMES.channelName("enterprise.uscc")).isEqualTo("attribute[uscc]");
        assertThat(Open311Mapper.NAMES.channelName("regionCode")).isEqualTo("attribute[region]");
        assertThat(Open311Mapper.NAMES.channelName("content")).isEqualTo("description");
        assertThat(Open311Mapper.NAMES.channelName("contact.phone")).isEqualTo("phone");
        assertThat(Open311Mapper.NAMES.channelName("attachments[0].uri")).isEqualTo("media_url");
        assertThat(Open311Mapper.NAMES.channelName("channelDetails.address")).isEqualTo("address_string");
        assertThat(Open311Mapper.NAMES.channelName("channelRequestId")).isEqualTo("attribute[client_request_id]");
    }
}

package qihu.intake.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One answer, written in both formats by the Spark convention. */
class Open311FormatTest {

    static Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", "req-1");
        request.put("status", "open");
        request.put("description", "用电 <报装> & 增容\u0007");
        request.put("expected_datetime", null);
        request.put("lat", new BigDecimal("28.8953"));
        return request;
    }

    @Test
    void xmlHasTheDeclarationTheRootAnEntryPerItemAndEmptyElementsForNothing() {
        String xml =
                new String(Open311Format.XML.write("service_requests", List.of(request())), StandardCharsets.UTF_8);

        assertThat(xml)
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><service_requests><request>"
                        + "<service_request_id>req-1</service_request_id><status>open</status>"
                        + "<description>用电 &lt;报装&gt; &amp; 增容</description><expected_datetime/>"
                        + "<lat>28.8953</lat></request></service_requests>");
    }

    @Test
    void jsonIsTheRootsEntriesAsAnArray() {
        String json =
                new String(Open311Format.JSON.write("service_requests", List.of(request())), StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("[{\"service_request_id\":\"req-1\",\"status\":\"open\","
                        + "\"description\":\"用电 <报装> & 增容\\u0007\",\"expected_datetime\":null,\"lat\":28.8953}]");
    }

    @Test
    void nestedListsAreWrappedByTheirOwnElement() {
        Map<String, Object> definition =
                Open311Views.definition(new Open311Properties.ServiceBoard("DATA", "数据", "数据共享", List.of(), "企业服务"));

        String xml = new String(Open311Format.XML.write("service_definition", definition), StandardCharsets.UTF_8);

        assertThat(xml)
                .contains("<service_definition><service_code>DATA</service_code><attributes><attribute>"
                        + "<variable>true</variable><code>uscc</code><datatype>string</datatype>"
                        + "<required>false</required><datatype_description/><order>1</order>")
                .endsWith("</attribute></attributes></service_definition>");
    }

    @Test
    void theSuffixChoosesTheFormat() {
        assertThat(Open311Format.of("json")).contains(Open311Format.JSON);
        assertThat(Open311Format.of("xml")).contains(Open311Format.XML);
        assertThat(Open311Format.of("XML")).isEmpty();
        assertThat(Open311Format.of("csv")).isEmpty();
        assertThat(Open311Format.XML.mediaType().toString()).isEqualTo("text/xml;charset=UTF-8");
    }
}

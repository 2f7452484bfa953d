package qihu.intake.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import qihu.intake.open311.Open311Properties.ServiceBoard;

/**
 * What Open311 offers: one service per service board (服务板块, the taxonomy of {@code qihu.intake.open311.services}),
 * each with the same attributes, which carry what an enterprise request needs and Open311 has no field for.
 */
final class ServiceCatalogue {

    static final String USCC = "uscc";
    static final String ENTERPRISE_NAME = "enterprise_name";
    static final String REGION = "region";
    static final String CLIENT_REQUEST_ID = "client_request_id";

    /**
     * An attribute of a service definition ({@code attribute[code]=value} when posting).
     *
     * @param datatype one of Open311's: {@code string}, {@code number}, {@code datetime}, {@code text}, …
     */
    record Attribute(String code, String datatype, boolean required, int order, String description) {}

    /**
     * The enterprise's name is required even with a credit code: the rules of every channel want both, and a
     * code alone is not checked against the directory's name.
     */
    static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute(
                    USCC,
                    "string",
                    false,
                    1,
                    "企业统一社会信用代码（18位，GB 32100 校验）；缺省时按企业名称在企业名录中查找。"
                            + " The enterprise's unified social credit code; without it the name is looked up."),
            new Attribute(ENTERPRISE_NAME, "string", true, 2, "企业名称（至多100字）。 The enterprise's registered name."),
            new Attribute(
                    REGION,
                    "string",
                    false,
                    3,
                    "问题所在区划：GB/T 2260 代码或名称，如 330782 或 义乌市；缺省时取企业注册地。"
                            + " Region code or name; defaults to the enterprise's registered region."),
            new Attribute(
                    CLIENT_REQUEST_ID,
                    "string",
                    false,
                    4,
                    "调用方自己的请求编号（1-64位字母、数字或 . _ : -）：同一编号重发返回同一请求。"
                            + " Your own id for the request: posting it again returns the same request."));

    private final Map<String, ServiceBoard> byCode = new LinkedHashMap<>();

    ServiceCatalogue(List<ServiceBoard> services) {
        services.forEach(service -> byCode.put(service.code(), service));
    }

    List<ServiceBoard> services() {
        return List.copyOf(byCode.values());
    }

    Optional<ServiceBoard> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    static boolean isAttribute(String code) {
        return ATTRIBUTES.stream().anyMatch(attribute -> attribute.code().equals(code));
    }
}

package qihu.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canonical requests as a channel would send them, as JSON-ready maps so tests can also break them. */
public final class RequestMother {

    /** Valid 统一社会信用代码 of demo enterprises (check characters per GB 32100). */
    public static final String USCC_HONGDA = "91330782MA2D7QF513";

    private RequestMother() {}

    public static Map<String, Object> hotlineRequest(String channelRequestId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channel", "hotline-12345");
        request.put("channelRequestId", channelRequestId);
        request.put("enterprise", new LinkedHashMap<>(Map.of("uscc", USCC_HONGDA, "name", "义乌市鸿达小商品有限公司")));
        request.put("regionCode", "330782");
        request.put("title", "厂房消防验收迟迟未办结");
        request.put("content", "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。");
        request.put("contact", Map.of("name", "王经理", "phone", "13905791234"));
        request.put("attachments", List.of(Map.of("name", "回执.jpg", "uri", "https://files.12345.example/a/1.jpg")));
        request.put("receivedAt", "2026-11-20T09:30:00+08:00");
        return request;
    }
}

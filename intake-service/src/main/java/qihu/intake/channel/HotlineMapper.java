package qihu.intake.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * 12345 政务服务热线: a work order from the hotline's call centre, with the call's transcript, the caller's phone
 * and the operator who took the call. snake_case, local times {@code yyyy-MM-dd HH:mm:ss}.
 */
@Component
public class HotlineMapper extends NativeChannel<HotlineMapper.WorkOrder> {

    public static final String CHANNEL = "hotline-12345";

    static final String TIME_PATTERN = "yyyy-MM-dd HH:mm:ss";

    /** Who speaks a transcript line: the caller (来电人) or the operator (话务员). */
    private static final Map<String, String> SPEAKERS = Map.of("caller", "来电人", "operator", "话务员");

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "order_no")
            .with("enterprise", "company_name")
            .with("enterprise.uscc", "credit_code")
            .with("enterprise.name", "company_name")
            .with("regionCode", "area_code")
            .with("title", "summary")
            .with("content", "transcript")
            .with("contact.name", "caller_name")
            .with("contact.phone", "caller_phone")
            .with("attachments", "recording_url")
            .with("receivedAt", "call_time")
            .with("channelDetails", "operator_id");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WorkOrder(
            String orderNo,
            String callTime,
            String callerPhone,
            String callerName,
            String operatorId,
            String companyName,
            String creditCode,
            String areaCode,
            String summary,
            List<Line> transcript,
            String recordingUrl) {}

    /** One utterance of the call. */
    public record Line(String speaker, String text) {}

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER = AnswerShape.snakeCase(AnswerShape.localTime(TIME_PATTERN))
            .rename("channelRequestId", "order_no")
            .rename("departmentName", "handle_dept")
            .rename("reply", "reply_content");

    public HotlineMapper() {
        super(CHANNEL, WorkOrder.class, ANSWER);
    }

    @Override
    public List<ChannelItem> map(WorkOrder order) {
        Findings found = Findings.forPayload();
        found.required("call_time", order.callTime());
        List<Attachment> recording = Native.text(order.recordingUrl()) == null
                ? List.of()
                : List.of(new Attachment("通话录音", order.recordingUrl().strip()));
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(order.orderNo()),
                Native.enterprise(order.creditCode(), order.companyName()),
                Native.text(order.areaCode()),
                Native.text(order.summary()),
                transcript(order.transcript(), found),
                Native.contact(order.callerName(), order.callerPhone()),
                recording,
                found.localTime("call_time", order.callTime(), TIME_PATTERN),
                Native.details("operatorId", order.operatorId()));
        return List.of(ChannelItem.single(request, NAMES, found));
    }

    /** The whole conversation, one line per utterance, so the handler reads what the caller actually said. */
    private static String transcript(List<Line> lines, Findings found) {
        List<String> rendered = new ArrayList<>();
        List<Line> all = Native.list(lines);
        for (int i = 0; i < all.size(); i++) {
            Line line = all.get(i);
            String speaker = SPEAKERS.get(line.speaker());
            if (speaker == null) {
                found.add("transcript[" + i + "].speaker", "must be caller or operator");
            } else if (Native.text(line.text()) != null) {
                rendered.add(speaker + "：" + line.text().strip());
            }
        }
        return rendered.isEmpty() ? null : String.join("\n", rendered);
    }
}

package qihu.intake.channel;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 政务服务好差评: an enterprise's poor rating (差评) of a government service, which must be put right (整改). Only
 * ratings of 1 or 2 by a legal person (an enterprise, identified by its certificate number, the credit code) are
 * requests; the title is made from the service item rated. Times {@code yyyy-MM-dd HH:mm:ss}.
 */
@Component
public class HaochapingMapper extends NativeChannel<HaochapingMapper.Evaluation> {

    public static final String CHANNEL = "haochaping";

    static final String TIME_PATTERN = "yyyy-MM-dd HH:mm:ss";
    /** The evaluator kind of an enterprise; natural persons' ratings are not enterprise requests. */
    static final String LEGAL_PERSON = "legal_person";

    /** The platform's five grades; only the two poor ones (差评) are raised. */
    private static final Map<Integer, String> POOR_GRADES = Map.of(1, "非常不满意", 2, "不满意");

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "evaluationId")
            .with("enterprise", "evaluator")
            .with("enterprise.uscc", "evaluator.certNo")
            .with("enterprise.name", "evaluator.name")
            .with("regionCode", "areaCode")
            .with("title", "serviceItem")
            .with("content", "comment")
            .with("contact", "evaluator.mobile")
            .with("contact.name", "evaluator.contactName")
            .with("contact.phone", "evaluator.mobile")
            .with("receivedAt", "evaluateTime")
            .with("channelDetails", "deptName");

    public record Evaluation(
            String evaluationId,
            String evaluateTime,
            Integer grade,
            String serviceItem,
            String deptName,
            String areaCode,
            Evaluator evaluator,
            String comment) {}

    /** @param type {@code legal_person} or {@code natural_person} */
    public record Evaluator(String type, String name, String certNo, String contactName, String mobile) {}

    private final Regions regions;

    public HaochapingMapper(Regions regions) {
        super(CHANNEL, Evaluation.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(AnswerShape.localTime(TIME_PATTERN)).rename("channelRequestId", "evaluationId");

    @Override
    public List<ChannelItem> map(Evaluation e) {
        Findings found = Findings.forPayload();
        found.required("evaluateTime", e.evaluateTime());
        String grade = found.required("grade", e.grade()) == null ? null : POOR_GRADES.get(e.grade());
        if (e.grade() != null && grade == null) {
            found.add("grade", "only poor ratings (差评, grade 1 or 2) are raised as requests");
        }
        Evaluator evaluator = e.evaluator() == null ? new Evaluator(null, null, null, null, null) : e.evaluator();
        if (evaluator.type() != null && !LEGAL_PERSON.equals(evaluator.type())) {
            found.add("evaluator.type", "only ratings by an enterprise (" + LEGAL_PERSON + ") are enterprise requests");
        }
        String serviceItem = Native.text(e.serviceItem());
        String comment = Native.text(e.comment());
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(e.evaluationId()),
                Native.enterprise(evaluator.certNo(), evaluator.name()),
                found.region("areaCode", e.areaCode(), regions),
                serviceItem == null ? null : "差评：" + serviceItem,
                comment == null ? null : content(grade, e.deptName(), comment),
                Native.contact(evaluator.contactName(), evaluator.mobile()),
                List.of(),
                found.localTime("evaluateTime", e.evaluateTime(), TIME_PATTERN),
                Native.details(
                        "deptName",
                        e.deptName(),
                        "grade",
                        e.grade() == null ? null : e.grade().toString()));
        return List.of(ChannelItem.single(request, NAMES, found));
    }

    /** The handler sees how poor the rating was and of which department, before the enterprise's words. */
    private static String content(String grade, String department, String comment) {
        StringBuilder content = new StringBuilder();
        if (grade != null) {
            content.append("评价等级：").append(grade).append('\n');
        }
        if (Native.text(department) != null) {
            content.append("被评价部门：").append(department.strip()).append('\n');
        }
        return content.append("评价内容：").append(comment).toString();
    }
}

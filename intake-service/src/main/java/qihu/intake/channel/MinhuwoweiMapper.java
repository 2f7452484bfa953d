package qihu.intake.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 民呼我为: a flat record with pinyin-initial field names, as many government systems have them (诉求编号 →
 * {@code sqbh}); times {@code yyyy/MM/dd HH:mm}; the county by name ({@code 所属区县}); attachments as bare URLs.
 */
@Component
public class MinhuwoweiMapper extends NativeChannel<MinhuwoweiMapper.Appeal> {

    public static final String CHANNEL = "minhuwowei";

    static final String TIME_PATTERN = "yyyy/MM/dd HH:mm";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "sqbh")
            .with("enterprise", "qymc")
            .with("enterprise.uscc", "tyshxydm")
            .with("enterprise.name", "qymc")
            .with("regionCode", "ssqx")
            .with("title", "sqbt")
            .with("content", "sqnr")
            .with("contact.name", "lxr")
            .with("contact.phone", "lxdh")
            .with("attachments", "fjlb")
            .with("attachments[].uri", "fjlb[]")
            .with("receivedAt", "sqsj");

    /** 诉求 (an appeal). */
    public record Appeal(
            /** 诉求编号 */
            @JsonProperty("sqbh") String appealNo,
            /** 诉求时间 */
            @JsonProperty("sqsj") String appealTime,
            /** 诉求标题 */
            @JsonProperty("sqbt") String title,
            /** 诉求内容 */
            @JsonProperty("sqnr") String content,
            /** 企业名称 */
            @JsonProperty("qymc") String enterpriseName,
            /** 统一社会信用代码 */
            @JsonProperty("tyshxydm") String creditCode,
            /** 联系人 */
            @JsonProperty("lxr") String contactName,
            /** 联系电话 */
            @JsonProperty("lxdh") String contactPhone,
            /** 所属区县 */
            @JsonProperty("ssqx") String county,
            /** 附件列表 */
            @JsonProperty("fjlb") List<String> attachmentUrls) {}

    private final Regions regions;

    public MinhuwoweiMapper(Regions regions) {
        super(CHANNEL, Appeal.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER = AnswerShape.camelCase(AnswerShape.localTime(TIME_PATTERN))
            .rename("noticeId", "tzbh")
            .rename("channelRequestId", "sqbh")
            .rename("caseNumber", "ajbh")
            .rename("status", "zt")
            .rename("statusText", "ztms")
            .rename("departmentName", "blbm")
            .rename("dueAt", "qxsj")
            .rename("reply", "dfnr")
            .rename("closeReason", "bjfs")
            .rename("rating", "pjjg")
            .rename("ratingLink", "pjlj")
            .rename("updatedAt", "gxsj");

    @Override
    public List<ChannelItem> map(Appeal a) {
        Findings found = Findings.forPayload();
        found.required("sqsj", a.appealTime());
        List<String> urls = Native.list(a.attachmentUrls());
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(a.appealNo()),
                Native.enterprise(a.creditCode(), a.enterpriseName()),
                found.region("ssqx", a.county(), regions),
                Native.text(a.title()),
                Native.text(a.content()),
                Native.contact(a.contactName(), a.contactPhone()),
                urls.stream()
                        .map(url -> new Attachment(fileName(url), Native.text(url)))
                        .toList(),
                found.localTime("sqsj", a.appealTime(), TIME_PATTERN),
                Native.details());
        return List.of(ChannelItem.single(request, NAMES, found));
    }

    /** The last path segment names the file well enough for a handler. */
    private static String fileName(String url) {
        String path = url.strip();
        int slash = path.lastIndexOf('/');
        return slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
    }
}

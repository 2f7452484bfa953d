package qihu.intake.channel;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 企业码 / 政企通: the enterprise's own app, so the enterprise is always identified by its credit code. Times are
 * ISO-8601 instants in UTC ({@code 2026-11-20T01:30:00Z}); the area is optional: without it, the enterprise's
 * registered region from the enterprise directory is used.
 */
@Component
public class QiyemaMapper extends NativeChannel<QiyemaMapper.Appeal> {

    public static final String CHANNEL = "qiyema";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "appealId")
            .with("enterprise", "corp")
            .with("enterprise.uscc", "corp.creditCode")
            .with("enterprise.name", "corp.corpName")
            .with("regionCode", "areaCode")
            .with("title", "appealTitle")
            .with("content", "appealContent")
            .with("contact", "linkPhone")
            .with("contact.name", "linkman")
            .with("contact.phone", "linkPhone")
            .with("attachments", "attachList")
            .with("attachments[].uri", "attachList[].url")
            .with("receivedAt", "appealTime")
            .with("channelDetails", "appealType");

    public record Appeal(
            String appealId,
            String appealTime,
            Corp corp,
            String areaCode,
            String appealType,
            String appealTitle,
            String appealContent,
            String linkman,
            String linkPhone,
            List<File> attachList) {}

    public record Corp(String creditCode, String corpName) {}

    public record File(String name, String url) {}

    private final Regions regions;

    public QiyemaMapper(Regions regions) {
        super(CHANNEL, Appeal.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(Instant::toString).rename("channelRequestId", "appealId");

    @Override
    public List<ChannelItem> map(Appeal a) {
        Findings found = Findings.forPayload();
        found.required("appealTime", a.appealTime());
        Corp corp = a.corp() == null ? new Corp(null, null) : a.corp();
        found.required("corp.creditCode", corp.creditCode());
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(a.appealId()),
                Native.enterprise(corp.creditCode(), corp.corpName()),
                found.region("areaCode", a.areaCode(), regions),
                Native.text(a.appealTitle()),
                Native.text(a.appealContent()),
                Native.contact(a.linkman(), a.linkPhone()),
                Native.list(a.attachList()).stream()
                        .map(f -> new Attachment(Native.text(f.name()), Native.text(f.url())))
                        .toList(),
                found.isoTime("appealTime", a.appealTime()),
                Native.details("appealType", a.appealType()));
        return List.of(ChannelItem.single(request, NAMES, found));
    }
}

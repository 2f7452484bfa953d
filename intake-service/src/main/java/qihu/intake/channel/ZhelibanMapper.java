package qihu.intake.channel;

import java.util.List;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 浙里办: Zhejiang's government service app. camelCase, nested; the submission time in epoch milliseconds; the area
 * as a 12-digit statistical division code ({@code 330782000000}); files as name and URL.
 */
@Component
public class ZhelibanMapper extends NativeChannel<ZhelibanMapper.Submission> {

    public static final String CHANNEL = "zheliban";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "bizNo")
            .with("enterprise", "corp")
            .with("enterprise.uscc", "corp.uniscid")
            .with("enterprise.name", "corp.corpName")
            .with("regionCode", "matter.areaCode")
            .with("title", "matter.title")
            .with("content", "matter.content")
            .with("contact", "applicant")
            .with("contact.name", "applicant.userName")
            .with("contact.phone", "applicant.mobile")
            .with("attachments", "files")
            .with("attachments[].uri", "files[].fileUrl")
            .with("receivedAt", "submitTime");

    public record Submission(
            String bizNo, Long submitTime, Applicant applicant, Corp corp, Matter matter, List<File> files) {}

    public record Applicant(String userName, String mobile) {}

    public record Corp(String uniscid, String corpName) {}

    public record Matter(String title, String content, String areaCode) {}

    public record File(String fileName, String fileUrl) {}

    private final Regions regions;

    public ZhelibanMapper(Regions regions) {
        super(CHANNEL, Submission.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(AnswerShape.epochMillis()).rename("channelRequestId", "bizNo");

    @Override
    public List<ChannelItem> map(Submission s) {
        Findings found = Findings.forPayload();
        found.required("submitTime", s.submitTime());
        Matter matter = s.matter() == null ? new Matter(null, null, null) : s.matter();
        Corp corp = s.corp() == null ? new Corp(null, null) : s.corp();
        Applicant applicant = s.applicant() == null ? new Applicant(null, null) : s.applicant();
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(s.bizNo()),
                Native.enterprise(corp.uniscid(), corp.corpName()),
                found.region("matter.areaCode", matter.areaCode(), regions),
                Native.text(matter.title()),
                Native.text(matter.content()),
                Native.contact(applicant.userName(), applicant.mobile()),
                Native.list(s.files()).stream()
                        .map(f -> new Attachment(Native.text(f.fileName()), Native.text(f.fileUrl())))
                        .toList(),
                found.epochMillis("submitTime", s.submitTime()),
                Native.details());
        return List.of(ChannelItem.single(request, NAMES, found));
    }
}

package qihu.intake.channel;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.events.Contact;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 民情一点通: a grid member (网格员) reports an enterprise's problem met on their rounds. The region by its full
 * name ("金华市义乌市"), times as compact {@code yyyyMMddHHmmss}, photos as one comma-separated string. The
 * enterprise's own contact is the one to call back; the grid member when it gave none.
 */
@Component
public class MinqingMapper extends NativeChannel<MinqingMapper.GridEvent> {

    public static final String CHANNEL = "minqing";

    static final String TIME_PATTERN = "yyyyMMddHHmmss";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "eventNo")
            .with("enterprise", "subject")
            .with("enterprise.uscc", "subject.entCode")
            .with("enterprise.name", "subject.entName")
            .with("regionCode", "regionName")
            .with("title", "eventTitle")
            .with("content", "eventDesc")
            .with("contact", "subject.contactPhone")
            .with("contact.name", "subject.contactName")
            .with("contact.phone", "subject.contactPhone")
            .with("attachments", "images")
            .with("receivedAt", "reportTime")
            .with("channelDetails", "gridName");

    public record GridEvent(
            String eventNo,
            String reportTime,
            String regionName,
            String gridName,
            Person gridMember,
            Subject subject,
            String eventTitle,
            String eventDesc,
            String images) {}

    public record Person(String name, String phone) {}

    /** The enterprise the event is about. */
    public record Subject(String entName, String entCode, String contactName, String contactPhone) {}

    private final Regions regions;

    public MinqingMapper(Regions regions) {
        super(CHANNEL, GridEvent.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(AnswerShape.localTime(TIME_PATTERN)).rename("channelRequestId", "eventNo");

    @Override
    public List<ChannelItem> map(GridEvent e) {
        Findings found = Findings.forPayload();
        found.required("reportTime", e.reportTime());
        found.required("regionName", e.regionName());
        Subject subject = e.subject() == null ? new Subject(null, null, null, null) : e.subject();
        Person member = e.gridMember() == null ? new Person(null, null) : e.gridMember();
        Contact enterpriseContact = Native.contact(subject.contactName(), subject.contactPhone());
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(e.eventNo()),
                Native.enterprise(subject.entCode(), subject.entName()),
                found.region("regionName", e.regionName(), regions),
                Native.text(e.eventTitle()),
                Native.text(e.eventDesc()),
                enterpriseContact != null ? enterpriseContact : Native.contact(member.name(), member.phone()),
                images(e.images()),
                found.localTime("reportTime", e.reportTime(), TIME_PATTERN),
                Native.details("gridName", e.gridName(), "gridMember", member.name()));
        return List.of(ChannelItem.single(request, NAMES, found));
    }

    private static List<Attachment> images(String commaSeparated) {
        if (Native.text(commaSeparated) == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .map(url -> new Attachment(null, url))
                .toList();
    }
}

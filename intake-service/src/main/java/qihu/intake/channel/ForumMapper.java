package qihu.intake.channel;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;
import qihu.support.web.InvalidInputException;

/**
 * 政企恳谈会: one meeting between government and enterprises brings a batch of problems, each raised by one
 * enterprise (often only by its name, as said at the meeting). The meeting's number, time and region are shared; a
 * problem's id is {@code meetingNo:seq}. Answered per problem.
 */
@Component
public class ForumMapper extends NativeChannel<ForumMapper.Minutes> {

    public static final String CHANNEL = "forum";

    static final String TIME_PATTERN = "yyyy-MM-dd HH:mm";
    static final String PROBLEMS = "problems";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "seq")
            .with("enterprise", "enterprise")
            .with("enterprise.uscc", "enterprise.creditCode")
            .with("enterprise.name", "enterprise.name")
            .with("regionCode", "regionCode")
            .with("title", "title")
            .with("content", "content")
            .with("contact", "phone")
            .with("contact.name", "speaker")
            .with("contact.phone", "phone")
            .withRoot("receivedAt", "meeting.heldAt")
            .withRoot("channelDetails", "meeting");

    /** The meeting's minutes as the organiser's system exports them. */
    public record Minutes(Meeting meeting, List<Problem> problems) {}

    /** @param regionCode where the meeting was held: the region of every problem that names none of its own */
    public record Meeting(String meetingNo, String topic, String heldAt, String host, String regionCode) {}

    /** One problem raised at the meeting, numbered by the organiser ({@code seq}). */
    public record Problem(
            Integer seq,
            Company enterprise,
            String speaker,
            String phone,
            String title,
            String content,
            String regionCode) {}

    public record Company(String name, String creditCode) {}

    private final Regions regions;

    public ForumMapper(Regions regions) {
        super(CHANNEL, Minutes.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(AnswerShape.localTime(TIME_PATTERN)).rename("channelRequestId", "problemRef");

    @Override
    public boolean batch() {
        return true;
    }

    @Override
    public List<ChannelItem> map(Minutes minutes) {
        // What every problem shares must be right, or no problem can be taken.
        Findings meetingFound = Findings.forPayload();
        Meeting meeting = minutes.meeting() == null ? new Meeting(null, null, null, null, null) : minutes.meeting();
        String meetingNo = meetingFound.required("meeting.meetingNo", Native.text(meeting.meetingNo()));
        meetingFound.required("meeting.heldAt", meeting.heldAt());
        OffsetDateTime heldAt = meetingFound.localTime("meeting.heldAt", meeting.heldAt(), TIME_PATTERN);
        meetingFound.required("meeting.regionCode", meeting.regionCode());
        String meetingRegion = meetingFound.region("meeting.regionCode", meeting.regionCode(), regions);
        List<Problem> problems = Native.list(minutes.problems());
        if (problems.isEmpty()) {
            meetingFound.add(PROBLEMS, "must list at least one problem");
        }
        if (!meetingFound.isEmpty()) {
            throw new InvalidInputException(meetingFound.violations());
        }
        List<ChannelItem> items = new ArrayList<>();
        Map<Integer, Integer> firstIndexOfSeq = new HashMap<>();
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            Findings found = Findings.forItem(PROBLEMS + "[" + i + "]");
            found.required("seq", p.seq());
            Integer earlier = p.seq() == null ? null : firstIndexOfSeq.putIfAbsent(p.seq(), i);
            if (earlier != null) {
                found.add("seq", "repeats the seq of " + PROBLEMS + "[" + earlier + "]");
            }
            String region = Native.text(p.regionCode()) == null
                    ? meetingRegion
                    : found.region("regionCode", p.regionCode(), regions);
            Company company = p.enterprise() == null ? new Company(null, null) : p.enterprise();
            CanonicalRequest request = new CanonicalRequest(
                    CHANNEL,
                    p.seq() == null ? null : meetingNo + ":" + p.seq(),
                    Native.enterprise(company.creditCode(), company.name()),
                    region,
                    Native.text(p.title()),
                    Native.text(p.content()),
                    Native.contact(p.speaker(), p.phone()),
                    List.of(),
                    heldAt,
                    Native.details("meetingNo", meetingNo, "topic", meeting.topic(), "host", meeting.host()));
            items.add(ChannelItem.ofBatch(p.seq() == null ? null : String.valueOf(p.seq()), request, NAMES, found));
        }
        return items;
    }
}

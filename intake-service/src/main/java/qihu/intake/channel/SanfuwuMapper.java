package qihu.intake.channel;

import java.util.List;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * 三服务小管家 ("三服务": serving enterprises, the public and the grassroots): a ticket with the enterprise, the
 * issue and the reporter in separate blocks. snake_case; ISO-8601 times with an offset; the district as a code.
 */
@Component
public class SanfuwuMapper extends NativeChannel<SanfuwuMapper.Ticket> {

    public static final String CHANNEL = "sanfuwu";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "ticket.id")
            .with("enterprise", "enterprise_info")
            .with("enterprise.uscc", "enterprise_info.social_credit_code")
            .with("enterprise.name", "enterprise_info.name")
            .with("regionCode", "enterprise_info.district_code")
            .with("title", "issue.subject")
            .with("content", "issue.detail")
            .with("contact", "reporter")
            .with("contact.name", "reporter.name")
            .with("contact.phone", "reporter.tel")
            .with("attachments", "attachments")
            .with("attachments[].uri", "attachments[].link")
            .with("receivedAt", "ticket.created_at")
            .with("channelDetails", "ticket.category");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ticket(
            TicketHead ticket, EnterpriseInfo enterpriseInfo, Issue issue, Reporter reporter, List<File> attachments) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TicketHead(String id, String createdAt, String category) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EnterpriseInfo(String name, String socialCreditCode, String districtCode) {}

    public record Issue(String subject, String detail) {}

    public record Reporter(String name, String tel) {}

    public record File(String title, String link) {}

    private final Regions regions;

    public SanfuwuMapper(Regions regions) {
        super(CHANNEL, Ticket.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.snakeCase(AnswerShape.isoOffset()).rename("channelRequestId", "ticket_id");

    @Override
    public List<ChannelItem> map(Ticket t) {
        Findings found = Findings.forPayload();
        TicketHead head = t.ticket() == null ? new TicketHead(null, null, null) : t.ticket();
        found.required("ticket.created_at", head.createdAt());
        EnterpriseInfo enterprise =
                t.enterpriseInfo() == null ? new EnterpriseInfo(null, null, null) : t.enterpriseInfo();
        Issue issue = t.issue() == null ? new Issue(null, null) : t.issue();
        Reporter reporter = t.reporter() == null ? new Reporter(null, null) : t.reporter();
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                Native.text(head.id()),
                Native.enterprise(enterprise.socialCreditCode(), enterprise.name()),
                found.region("enterprise_info.district_code", enterprise.districtCode(), regions),
                Native.text(issue.subject()),
                Native.text(issue.detail()),
                Native.contact(reporter.name(), reporter.tel()),
                Native.list(t.attachments()).stream()
                        .map(f -> new Attachment(Native.text(f.title()), Native.text(f.link())))
                        .toList(),
                found.isoTime("ticket.created_at", head.createdAt()),
                Native.details("category", head.category()));
        return List.of(ChannelItem.single(request, NAMES, found));
    }
}

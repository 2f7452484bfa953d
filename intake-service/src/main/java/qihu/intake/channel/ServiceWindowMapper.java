package qihu.intake.channel;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 企业综合服务中心窗口: a walk-in at a service centre's window, recorded by the staff member who served it. The
 * window system numbers tickets per staff member and day, so the request's id is keyed by staff:
 * {@code staffNo:yyyyMMdd:ticketNo}. Date and time of arrival come apart.
 */
@Component
public class ServiceWindowMapper extends NativeChannel<ServiceWindowMapper.Visit> {

    public static final String CHANNEL = "service-window";

    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "staffNo")
            .with("enterprise", "company")
            .with("enterprise.uscc", "company.creditCode")
            .with("enterprise.name", "company.name")
            .with("regionCode", "centreCode")
            .with("title", "problem.summary")
            .with("content", "problem.description")
            .with("contact", "visitor")
            .with("contact.name", "visitor.name")
            .with("contact.phone", "visitor.phone")
            .with("attachments", "materials")
            .with("attachments[].uri", "materials[].scanUrl")
            .with("receivedAt", "arrivalTime")
            .with("channelDetails", "windowNo");

    public record Visit(
            String staffNo,
            String staffName,
            String windowNo,
            String centreCode,
            String serviceDate,
            String arrivalTime,
            Integer ticketNo,
            Person visitor,
            Company company,
            Problem problem,
            List<Material> materials) {}

    public record Person(String name, String phone) {}

    public record Company(String name, String creditCode) {}

    public record Problem(String summary, String description) {}

    /** A document the visitor brought, scanned at the window. */
    public record Material(String name, String scanUrl) {}

    private final Regions regions;

    public ServiceWindowMapper(Regions regions) {
        super(CHANNEL, Visit.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(AnswerShape.localTime("yyyy-MM-dd HH:mm:ss")).rename("channelRequestId", "visitNo");

    @Override
    public List<ChannelItem> map(Visit v) {
        Findings found = Findings.forPayload();
        String staffNo = found.required("staffNo", Native.text(v.staffNo()));
        Integer ticket = found.required("ticketNo", v.ticketNo());
        if (ticket != null && ticket <= 0) {
            found.add("ticketNo", "must be a positive number");
        }
        var arrived = found.dateAndTime("serviceDate", v.serviceDate(), "arrivalTime", v.arrivalTime());
        String channelRequestId = null;
        if (staffNo == null || ticket == null || arrived == null) {
            found.unmapped("channelRequestId");
        } else {
            channelRequestId = staffNo + ":" + ID_DATE.format(arrived.toLocalDate()) + ":" + ticket;
        }
        Person visitor = v.visitor() == null ? new Person(null, null) : v.visitor();
        Company company = v.company() == null ? new Company(null, null) : v.company();
        Problem problem = v.problem() == null ? new Problem(null, null) : v.problem();
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                channelRequestId,
                Native.enterprise(company.creditCode(), company.name()),
                found.region("centreCode", v.centreCode(), regions),
                Native.text(problem.summary()),
                Native.text(problem.description()),
                Native.contact(visitor.name(), visitor.phone()),
                Native.list(v.materials()).stream()
                        .map(m -> new Attachment(Native.text(m.name()), Native.text(m.scanUrl())))
                        .toList(),
                arrived,
                Native.details("staffNo", staffNo, "staffName", v.staffName(), "windowNo", v.windowNo()));
        return List.of(ChannelItem.single(request, NAMES, found));
    }
}

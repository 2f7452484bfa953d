package qihu.intake.channel;

import java.util.List;
import org.springframework.stereotype.Component;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;

/**
 * 亲清在线: an enterprise demand (诉求) with a numeric id, its creation time in epoch seconds
 * ({@code gmtCreate}) and free tags; no attachments.
 */
@Component
public class QinqingMapper extends NativeChannel<QinqingMapper.Demand> {

    public static final String CHANNEL = "qinqing";

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "id")
            .with("enterprise", "company")
            .with("enterprise.uscc", "company.usci")
            .with("enterprise.name", "company.name")
            .with("regionCode", "regionCode")
            .with("title", "demand.title")
            .with("content", "demand.content")
            .with("contact", "contactor")
            .with("contact.name", "contactor.name")
            .with("contact.phone", "contactor.mobile")
            .with("receivedAt", "gmtCreate")
            .with("channelDetails", "demand.tags");

    public record Demand(Long id, Long gmtCreate, Company company, String regionCode, Body demand, Person contactor) {}

    public record Company(String name, String usci) {}

    public record Body(String title, String content, List<String> tags) {}

    public record Person(String name, String mobile) {}

    private final Regions regions;

    public QinqingMapper(Regions regions) {
        super(CHANNEL, Demand.class, ANSWER);
        this.regions = regions;
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.camelCase(AnswerShape.epochSeconds()).rename("channelRequestId", "id");

    @Override
    public List<ChannelItem> map(Demand d) {
        Findings found = Findings.forPayload();
        found.required("gmtCreate", d.gmtCreate());
        Company company = d.company() == null ? new Company(null, null) : d.company();
        Body demand = d.demand() == null ? new Body(null, null, null) : d.demand();
        Person contactor = d.contactor() == null ? new Person(null, null) : d.contactor();
        CanonicalRequest request = new CanonicalRequest(
                CHANNEL,
                d.id() == null ? null : String.valueOf(d.id()),
                Native.enterprise(company.usci(), company.name()),
                found.region("regionCode", d.regionCode(), regions),
                Native.text(demand.title()),
                Native.text(demand.content()),
                Native.contact(contactor.name(), contactor.mobile()),
                List.of(),
                found.epochSeconds("gmtCreate", d.gmtCreate()),
                Native.details("tags", String.join(",", Native.list(demand.tags()))));
        return List.of(ChannelItem.single(request, NAMES, found));
    }
}

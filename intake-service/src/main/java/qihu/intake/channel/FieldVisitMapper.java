package qihu.intake.channel;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import qihu.events.Attachment;
import qihu.intake.callback.AnswerShape;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;
import qihu.support.web.InvalidInputException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * 助企服务专员走访: a service officer's visit to one enterprise, recorded in the officers' mobile app, with several
 * problems, each with photos. Photos stay in the app's store: the payload names them by id and Qihu keeps links
 * under {@code qihu.intake.field-visit.photo-base-url}. snake_case; the visit time in epoch milliseconds. A
 * problem's id is {@code visit_id:no}. Answered per problem.
 */
@Component
public class FieldVisitMapper extends NativeChannel<FieldVisitMapper.Visit> {

    public static final String CHANNEL = "field-visit";

    static final String PROBLEMS = "problems";
    /** A photo id is a file name in the app's store, never a path. */
    private static final Pattern PHOTO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channelRequestId", "no")
            .with("title", "title")
            .with("content", "desc")
            .with("attachments", "photo_refs")
            .with("attachments[].uri", "photo_refs[]")
            .withRoot("enterprise", "enterprise")
            .withRoot("enterprise.uscc", "enterprise.uscc")
            .withRoot("enterprise.name", "enterprise.name")
            .withRoot("regionCode", "enterprise.region_code")
            .withRoot("contact", "contact")
            .withRoot("contact.name", "contact.name")
            .withRoot("contact.phone", "contact.mobile")
            .withRoot("receivedAt", "visited_at")
            .withRoot("channelDetails", "officer")
            .withRoot("channelDetails.address", "location.address");

    /** @param photoBaseUrl where the app serves photos by id, ending with a slash */
    @ConfigurationProperties("qihu.intake.field-visit")
    public record Settings(URI photoBaseUrl) {
        public Settings {
            if (photoBaseUrl == null || !photoBaseUrl.toString().endsWith("/")) {
                throw new IllegalArgumentException("qihu.intake.field-visit.photo-base-url must end with a slash");
            }
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Visit(
            String visitId,
            Long visitedAt,
            Officer officer,
            Company enterprise,
            Person contact,
            Location location,
            List<Problem> problems) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Officer(String officerId, String name, String phone) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Company(String name, String uscc, String regionCode) {}

    public record Person(String name, String mobile) {}

    public record Location(Double lng, Double lat, String address) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Problem(Integer no, String title, String desc, List<String> photoRefs) {}

    private final Regions regions;
    private final URI photoBase;

    public FieldVisitMapper(Regions regions, Settings settings) {
        super(CHANNEL, Visit.class, ANSWER);
        this.regions = regions;
        this.photoBase = settings.photoBaseUrl();
    }

    /** How the channel is answered (CHANNELS.md, "Answers"). */
    private static final AnswerShape ANSWER =
            AnswerShape.snakeCase(AnswerShape.epochMillis()).rename("channelRequestId", "problem_ref");

    @Override
    public boolean batch() {
        return true;
    }

    @Override
    public List<ChannelItem> map(Visit v) {
        // The visit's own facts are shared by all its problems: wrong there, nothing can be taken.
        Findings visitFound = Findings.forPayload();
        String visitId = visitFound.required("visit_id", Native.text(v.visitId()));
        visitFound.required("visited_at", v.visitedAt());
        var visitedAt = visitFound.epochMillis("visited_at", v.visitedAt());
        Company company = v.enterprise() == null ? new Company(null, null, null) : v.enterprise();
        String region = visitFound.region("enterprise.region_code", company.regionCode(), regions);
        List<Problem> problems = Native.list(v.problems());
        if (problems.isEmpty()) {
            visitFound.add(PROBLEMS, "must list at least one problem");
        }
        if (!visitFound.isEmpty()) {
            throw new InvalidInputException(visitFound.violations());
        }
        Officer officer = v.officer() == null ? new Officer(null, null, null) : v.officer();
        Person contact = v.contact() == null ? new Person(null, null) : v.contact();
        String address = v.location() == null ? null : v.location().address();
        List<ChannelItem> items = new ArrayList<>();
        Map<Integer, Integer> firstIndexOfNo = new HashMap<>();
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            Findings found = Findings.forItem(PROBLEMS + "[" + i + "]");
            found.required("no", p.no());
            Integer earlier = p.no() == null ? null : firstIndexOfNo.putIfAbsent(p.no(), i);
            if (earlier != null) {
                found.add("no", "repeats the no of " + PROBLEMS + "[" + earlier + "]");
            }
            CanonicalRequest request = new CanonicalRequest(
                    CHANNEL,
                    p.no() == null ? null : visitId + ":" + p.no(),
                    Native.enterprise(company.uscc(), company.name()),
                    region,
                    Native.text(p.title()),
                    Native.text(p.desc()),
                    Native.contact(contact.name(), contact.mobile()),
                    photos(p.photoRefs(), found),
                    visitedAt,
                    Native.details(
                            "visitId",
                            visitId,
                            "officerId",
                            officer.officerId(),
                            "officerName",
                            officer.name(),
                            "address",
                            address));
            items.add(ChannelItem.ofBatch(p.no() == null ? null : String.valueOf(p.no()), request, NAMES, found));
        }
        return items;
    }

    private List<Attachment> photos(List<String> refs, Findings found) {
        List<Attachment> photos = new ArrayList<>();
        List<String> ids = refs == null ? List.of() : refs;
        for (int i = 0; i < ids.size(); i++) {
            String id = Native.text(ids.get(i));
            if (id == null || !PHOTO_ID.matcher(id).matches()) {
                found.add("photo_refs[" + i + "]", "must be a photo id of the app, e.g. FV-20261120-0031-01.jpg");
            } else {
                photos.add(new Attachment(id, photoBase.resolve(id).toString()));
            }
        }
        return photos;
    }
}

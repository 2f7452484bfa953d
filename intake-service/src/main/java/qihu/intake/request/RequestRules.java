package qihu.intake.request;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import qihu.events.Attachment;
import qihu.support.web.FieldViolation;

/** What a canonical request must satisfy to be accepted. Plain rules, every violation reported at once. */
public final class RequestRules {

    static final int MAX_CHANNEL_ID = 64;
    static final int MAX_NAME = 100;
    static final int MAX_TITLE = 100;
    static final int MAX_CONTENT = 4000;
    static final int MAX_ATTACHMENTS = 20;
    static final int MAX_CHANNEL_DETAILS = 10;
    static final int MAX_DETAIL_KEY = 40;
    static final int MAX_DETAIL_VALUE = 200;
    /** A channel's clock may run a little ahead of ours; further ahead is a channel bug, not a request. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9._:\\-]+");
    /** GB/T 2260 county-level code, or a 9-digit township code under it. */
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}(\\d{3})?");

    /** Stored as field names: no dots or dollars, which the store would read as paths or operators. */
    private static final Pattern DETAIL_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0," + (MAX_DETAIL_KEY - 1) + "}");

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9\\- ]{4,19}");

    private final Set<String> knownChannels;

    public RequestRules(Set<String> knownChannels) {
        this.knownChannels = Set.copyOf(knownChannels);
    }

    public List<FieldViolation> violations(CanonicalRequest request, Instant now) {
        List<FieldViolation> v = new ArrayList<>();
        if (blank(request.channel())) {
            v.add(new FieldViolation("channel", "is required"));
        } else if (!knownChannels.contains(request.channel())) {
            v.add(new FieldViolation(
                    "channel", "unknown channel '" + request.channel() + "'; known: " + knownChannels));
        }
        if (blank(request.channelRequestId())) {
            v.add(new FieldViolation("channelRequestId", "is required"));
        } else if (request.channelRequestId().length() > MAX_CHANNEL_ID
                || !CHANNEL_ID.matcher(request.channelRequestId()).matches()) {
            v.add(new FieldViolation(
                    "channelRequestId", "must be 1-" + MAX_CHANNEL_ID + " letters, digits or . _ : -"));
        }
        if (request.enterprise() == null) {
            v.add(new FieldViolation("enterprise", "is required"));
        } else {
            String uscc = request.enterprise().uscc();
            if (uscc != null && !Uscc.isValid(uscc)) {
                v.add(new FieldViolation(
                        "enterprise.uscc", "is not a valid 统一社会信用代码 (18 characters with a GB 32100 check character)"));
            }
            if (blank(request.enterprise().name())) {
                v.add(new FieldViolation("enterprise.name", "is required"));
            } else if (request.enterprise().name().length() > MAX_NAME) {
                v.add(new FieldViolation("enterprise.name", "must be at most " + MAX_NAME + " characters"));
            }
        }
        if (blank(request.regionCode())) {
            v.add(new FieldViolation("regionCode", "is required"));
        } else if (!REGION_CODE.matcher(request.regionCode()).matches()) {
            v.add(new FieldViolation("regionCode", "must be a 6-digit GB/T 2260 code or a 9-digit township code"));
        }
        text(v, "title", request.title(), MAX_TITLE);
        text(v, "content", request.content(), MAX_CONTENT);
        if (request.contact() != null
                && request.contact().phone() != null
                && !PHONE.matcher(request.contact().phone()).matches()) {
            v.add(new FieldViolation("contact.phone", "is not a phone number"));
        }
        attachments(v, request.attachments());
        channelDetails(v, request.channelDetails());
        if (request.receivedAt() != null && request.receivedAt().toInstant().isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            v.add(new FieldViolation("receivedAt", "lies in the future"));
        }
        return v;
    }

    private static void attachments(List<FieldViolation> v, List<Attachment> attachments) {
        if (attachments.size() > MAX_ATTACHMENTS) {
            v.add(new FieldViolation("attachments", "at most " + MAX_ATTACHMENTS + " attachments"));
        }
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            String field = "attachments[" + i + "].uri";
            if (a == null || blank(a.uri())) {
                v.add(new FieldViolation(field, "is required"));
            } else if (!isHttpUri(a.uri())) {
                v.add(new FieldViolation(field, "must be an absolute http(s) URI"));
            }
        }
    }

    private static void channelDetails(List<FieldViolation> v, Map<String, String> details) {
        if (details.size() > MAX_CHANNEL_DETAILS) {
            v.add(new FieldViolation("channelDetails", "at most " + MAX_CHANNEL_DETAILS + " entries"));
        }
        details.forEach((key, value) -> {
            if (key == null || !DETAIL_KEY.matcher(key).matches()) {
                v.add(new FieldViolation(
                        "channelDetails", "keys must be 1-" + MAX_DETAIL_KEY + " letters, digits, _ or -"));
            } else if (value != null && value.length() > MAX_DETAIL_VALUE) {
                v.add(new FieldViolation(
                        "channelDetails." + key, "must be at most " + MAX_DETAIL_VALUE + " characters"));
            }
        });
    }

    private static boolean isHttpUri(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void text(List<FieldViolation> v, String field, String value, int max) {
        if (blank(value)) {
            v.add(new FieldViolation(field, "is required"));
        } else if (value.length() > max) {
            v.add(new FieldViolation(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

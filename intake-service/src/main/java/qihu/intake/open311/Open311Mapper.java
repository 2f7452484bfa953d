package qihu.intake.open311;

import static qihu.intake.open311.ServiceCatalogue.CLIENT_REQUEST_ID;
import static qihu.intake.open311.ServiceCatalogue.ENTERPRISE_NAME;
import static qihu.intake.open311.ServiceCatalogue.REGION;
import static qihu.intake.open311.ServiceCatalogue.USCC;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import qihu.events.Attachment;
import qihu.intake.channel.ChannelItem;
import qihu.intake.channel.Findings;
import qihu.intake.channel.Native;
import qihu.intake.channel.Regions;
import qihu.intake.open311.Open311Properties.ServiceBoard;
import qihu.intake.request.CanonicalRequest;
import qihu.intake.request.FieldNames;
import qihu.intake.request.Sha256;

/**
 * The adapter of Open311's {@code POST requests} form: maps it to the canonical request, as a channel's mapper maps
 * its JSON, so that it is accepted on the same path (the same rules, store, outbox and idempotence) and every error
 * names the form's own field. The service code is the channel's board hint to triage, kept with the other channel
 * details ({@code serviceCode}), as other channels keep their categories.
 */
final class Open311Mapper {

    /** A request id made from the form itself, when the client sent none of its own. */
    static final String DERIVED_ID_PREFIX = "o311-";

    private static final int DERIVED_ID_BYTES = 12;
    /** What marks an attribute's code as one value of a list ({@code attribute[code][]}). */
    private static final String LIST = "[]";
    /** Open311 has no title: the description's first line, cut here, stands for it. */
    static final int TITLE_LENGTH = 40;

    private static final BigDecimal MAX_LATITUDE = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LONGITUDE = BigDecimal.valueOf(180);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    static final FieldNames NAMES = FieldNames.CANONICAL
            .with("channel", Open311Form.API_KEY)
            .with("channelRequestId", attribute(CLIENT_REQUEST_ID))
            .with("enterprise", attribute(ENTERPRISE_NAME))
            .with("enterprise.uscc", attribute(USCC))
            .with("enterprise.name", attribute(ENTERPRISE_NAME))
            .with("regionCode", attribute(REGION))
            .with("title", "description")
            .with("content", "description")
            .with("contact", "phone")
            .with("contact.name", "last_name")
            .with("contact.phone", "phone")
            .with("attachments", "media_url")
            .with("attachments[].uri", "media_url")
            .with("channelDetails.address", "address_string")
            .with("channelDetails.addressId", "address_id")
            .with("channelDetails.email", "email")
            .with("channelDetails.deviceId", "device_id")
            .with("channelDetails.accountId", "account_id");

    private final Regions regions;

    Open311Mapper(Regions regions) {
        this.regions = regions;
    }

    /** The form's name of an attribute: {@code attribute[uscc]}, or {@code attribute[uscc][]} for a list. */
    static String attribute(String code) {
        return code.endsWith(LIST)
                ? "attribute[" + code.substring(0, code.length() - LIST.length()) + "]" + LIST
                : "attribute[" + code + "]";
    }

    /**
     * @param today the day of receipt in China: a form posted again the same day is the same request
     */
    ChannelItem map(String channel, ServiceBoard service, Open311Form form, LocalDate today) {
        Findings found = Findings.forPayload();
        Map<String, String> attributes = attributes(form, service, found);
        Location location = location(form, found);
        String description = form.value("description");
        String email = form.value("email");
        if (email != null && !EMAIL.matcher(email).matches()) {
            found.add("email", "is not an e-mail address");
        }
        String mediaUrl = form.value("media_url");
        CanonicalRequest request = new CanonicalRequest(
                channel,
                channelRequestId(attributes.get(CLIENT_REQUEST_ID), form, today),
                Native.enterprise(attributes.get(USCC), attributes.get(ENTERPRISE_NAME)),
                found.region(attribute(REGION), attributes.get(REGION), regions),
                title(description),
                description,
                Native.contact(personName(form.value("first_name"), form.value("last_name")), form.value("phone")),
                mediaUrl == null ? List.of() : List.of(new Attachment("附件", mediaUrl)),
                null,
                Native.details(
                        Open311Views.SERVICE_CODE,
                        service.code(),
                        "lat",
                        location.lat(),
                        "long",
                        location.lon(),
                        "address",
                        form.value("address_string"),
                        "addressId",
                        form.value("address_id"),
                        "email",
                        email,
                        "deviceId",
                        form.value("device_id"),
                        "accountId",
                        form.value("account_id")));
        return ChannelItem.single(request, NAMES, found);
    }

    /** Only the attributes the service defines, each with one value. */
    private static Map<String, String> attributes(Open311Form form, ServiceBoard service, Findings found) {
        Map<String, String> attributes = form.attributes();
        attributes.keySet().stream()
                .filter(code -> !ServiceCatalogue.isAttribute(code))
                .forEach(code -> found.add(
                        attribute(code),
                        code.endsWith(LIST)
                                        && ServiceCatalogue.isAttribute(
                                                code.substring(0, code.length() - LIST.length()))
                                ? "takes a single value"
                                : "is not an attribute of service " + service.code() + " (see services/"
                                        + service.code() + ".json)"));
        return attributes.entrySet().stream()
                .filter(attribute -> ServiceCatalogue.isAttribute(attribute.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** WGS84 coordinates as sent (numbers, kept as text), or null. */
    private record Location(String lat, String lon) {}

    /** GeoReport v2 wants a location: lat and long together, or an address, or an address id. */
    private static Location location(Open311Form form, Findings found) {
        String lat = coordinate(form, "lat", MAX_LATITUDE, "latitude", found);
        String lon = coordinate(form, "long", MAX_LONGITUDE, "longitude", found);
        boolean latSent = form.value("lat") != null;
        boolean longSent = form.value("long") != null;
        if (latSent != longSent) {
            found.add(latSent ? "long" : "lat", "is required together with " + (latSent ? "lat" : "long"));
        }
        if (!latSent && !longSent && form.value("address_string") == null && form.value("address_id") == null) {
            found.add("lat", "is required (with long) unless address_string or address_id gives the location");
        }
        return new Location(lat, lon);
    }

    private static String coordinate(Open311Form form, String field, BigDecimal max, String what, Findings found) {
        String value = form.value(field);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal degrees = new BigDecimal(value);
            if (degrees.abs().compareTo(max) <= 0) {
                return degrees.toPlainString();
            }
        } catch (NumberFormatException e) {
            // reported below, as for a number out of range
        }
        found.add(
                field, "is not a WGS84 " + what + " in degrees between -" + max + " and " + max + ": '" + value + "'");
        return null;
    }

    /**
     * The client's own id when it sent one; else one derived from the form and the day, so that a client retrying a
     * post it got no answer to (the usual cause of a second copy) meets the request it already made.
     */
    static String channelRequestId(String clientRequestId, Open311Form form, LocalDate today) {
        if (clientRequestId != null) {
            return clientRequestId;
        }
        byte[] digest = Sha256.of(today + "\n" + form.canonical());
        return DERIVED_ID_PREFIX + HexFormat.of().formatHex(digest, 0, DERIVED_ID_BYTES);
    }

    /** The first line of the description, at most {@link #TITLE_LENGTH} characters. */
    static String title(String description) {
        if (description == null) {
            return null;
        }
        String firstLine = description.strip().lines().findFirst().orElse("").strip();
        if (firstLine.codePointCount(0, firstLine.length()) <= TITLE_LENGTH) {
            return firstLine;
        }
        return firstLine.substring(0, firstLine.offsetByCodePoints(0, TITLE_LENGTH)) + "…";
    }

    /** 王 + 经理 reads 王经理 (family name first, no space); John + Smith reads John Smith. */
    static String personName(String firstName, String lastName) {
        if (firstName == null || lastName == null) {
            return firstName == null ? lastName : firstName;
        }
        return HAN.matcher(lastName + firstName).find() ? lastName + firstName : firstName + " " + lastName;
    }
}

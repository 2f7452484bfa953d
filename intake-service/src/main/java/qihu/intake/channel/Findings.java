package qihu.intake.channel;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import qihu.support.web.FieldViolation;

/**
 * What an adapter found wrong with a channel's payload while mapping it, named as the channel names its fields. One
 * per request; for an item of a batch, field names are relative to the item ({@code title} inside
 * {@code problems[2]} is reported as {@code problems[2].title}) unless given {@link #atRoot from the root}.
 */
public final class Findings {

    /** Channels are in Zhejiang: a time without an offset is China Standard Time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Earlier than this, an epoch number is in the wrong unit (seconds sent as milliseconds), not a real time. */
    private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");

    private final String itemPath;
    private final List<FieldViolation> violations = new ArrayList<>();
    private final Set<String> unmapped = new HashSet<>();

    private Findings(String itemPath) {
        this.itemPath = itemPath;
    }

    /** Findings about a whole payload. */
    public static Findings forPayload() {
        return new Findings("");
    }

    /** Findings about the item at {@code path} of a batch, e.g. {@code problems[2]}. */
    public static Findings forItem(String path) {
        return new Findings(path);
    }

    public String itemPath() {
        return itemPath;
    }

    public void add(String field, String message) {
        violations.add(new FieldViolation(name(field), message));
    }

    /** Adds a finding about a field outside the item (the meeting all of a batch's problems share). */
    public void atRoot(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }

    /**
     * Records that a canonical field could not be filled because of a finding already made, so that its absence is
     * not reported again under the canonical rules.
     */
    public void unmapped(String canonicalField) {
        unmapped.add(canonicalField);
    }

    public Set<String> unmappedFields() {
        return Set.copyOf(unmapped);
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public List<FieldViolation> violations() {
        return List.copyOf(violations);
    }

    /** The value, or a finding that it is missing. */
    public <T> T required(String field, T value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "is required");
        }
        return value;
    }

    /** A local date and time in the channel's pattern, e.g. {@code yyyy-MM-dd HH:mm:ss}, in China Standard Time. */
    public OffsetDateTime localTime(String field, String value, String pattern) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip(), DateTimeFormatter.ofPattern(pattern))
                    .atZone(CHINA)
                    .toOffsetDateTime();
        } catch (DateTimeException e) {
            add(field, "is not a time of the form " + pattern + ": '" + value + "'");
            return null;
        }
    }

    /** A date and a time of day sent apart ({@code 2026-11-20} and {@code 09:30}), in China Standard Time. */
    public OffsetDateTime dateAndTime(String dateField, String date, String timeField, String time) {
        LocalDate day = parse(dateField, date, "yyyy-MM-dd", LocalDate::parse);
        LocalTime at = parse(timeField, time, "HH:mm", LocalTime::parse);
        return day == null || at == null ? null : day.atTime(at).atZone(CHINA).toOffsetDateTime();
    }

    /** An ISO-8601 time with an offset or {@code Z}. */
    public OffsetDateTime isoTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).atZoneSameInstant(CHINA).toOffsetDateTime();
        } catch (DateTimeException e) {
            add(field, "is not an ISO-8601 time with an offset, e.g. 2026-11-20T09:30:00+08:00: '" + value + "'");
            return null;
        }
    }

    public OffsetDateTime epochMillis(String field, Long value) {
        return value == null ? null : epoch(field, Instant.ofEpochMilli(value), "milliseconds");
    }

    public OffsetDateTime epochSeconds(String field, Long value) {
        return value == null ? null : epoch(field, Instant.ofEpochSecond(value), "seconds");
    }

    private OffsetDateTime epoch(String field, Instant at, String unit) {
        if (at.isBefore(EARLIEST_PLAUSIBLE)) {
            add(field, "is not a plausible time; expected epoch " + unit);
            return null;
        }
        return at.atZone(CHINA).toOffsetDateTime();
    }

    /** A region code from a code or a region name, or a finding that the region is unknown. */
    public String region(String field, String codeOrName, Regions regions) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return null;
        }
        return regions.codeOf(codeOrName).orElseGet(() -> {
            add(field, "is not a known region code or name: '" + codeOrName + "'");
            return null;
        });
    }

    private <T> T parse(String field, String value, String pattern, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (DateTimeException e) {
            add(field, "is not of the form " + pattern + ": '" + value + "'");
            return null;
        }
    }

    private String name(String field) {
        return itemPath.isEmpty() ? field : itemPath + "." + field;
    }
}

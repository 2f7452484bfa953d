package qihu.intake.callback;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How one channel wants to be answered: its names for the notice's fields and its way of writing a time. Names are
 * derived from the canonical ones by the channel's style (camelCase or snake_case), and single fields renamed where
 * the channel calls them something else (its request id, above all).
 */
public final class AnswerShape {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The canonical notice: camelCase names, ISO-8601 instants. */
    public static final AnswerShape CANONICAL = camelCase(Instant::toString);

    private final UnaryOperator<String> style;
    private final Map<String, String> renamed;
    private final Function<Instant, Object> time;

    private AnswerShape(UnaryOperator<String> style, Map<String, String> renamed, Function<Instant, Object> time) {
        this.style = style;
        this.renamed = Map.copyOf(renamed);
        this.time = time;
    }

    public static AnswerShape camelCase(Function<Instant, Object> time) {
        return new AnswerShape(UnaryOperator.identity(), Map.of(), time);
    }

    public static AnswerShape snakeCase(Function<Instant, Object> time) {
        return new AnswerShape(AnswerShape::snake, Map.of(), time);
    }

    /** The same shape with the canonical field {@code field} called {@code channelName}. */
    public AnswerShape rename(String field, String channelName) {
        Map<String, String> names = new HashMap<>(renamed);
        names.put(field, channelName);
        return new AnswerShape(style, names, time);
    }

    /** China local time in the channel's pattern, e.g. {@code yyyy-MM-dd HH:mm:ss}. */
    public static Function<Instant, Object> localTime(String pattern) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern).withZone(CHINA);
        return format::format;
    }

    /** ISO-8601 with China's offset, {@code 2026-11-20T09:30:00+08:00}. */
    public static Function<Instant, Object> isoOffset() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(CHINA)::format;
    }

    public static Function<Instant, Object> epochMillis() {
        return Instant::toEpochMilli;
    }

    public static Function<Instant, Object> epochSeconds() {
        return Instant::getEpochSecond;
    }

    /** The notice in the channel's shape; fields without a value are left out. */
    public Map<String, Object> render(Notice n) {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "noticeId", n.noticeId());
        put(body, "channelRequestId", n.channelRequestId());
        put(body, "caseNumber", n.caseNumber());
        put(body, "status", n.status().name());
        put(body, "statusText", n.statusText());
        put(body, "departmentName", n.departmentName());
        put(body, "dueAt", n.dueAt() == null ? null : time.apply(n.dueAt()));
        put(body, "reply", n.reply());
        put(body, "closeReason", n.closeReason());
        put(body, "rating", n.rating());
        put(body, "ratingLink", n.ratingLink());
        put(body, "updatedAt", n.updatedAt() == null ? null : time.apply(n.updatedAt()));
        return body;
    }

    private void put(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(renamed.getOrDefault(field, style.apply(field)), value);
        }
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

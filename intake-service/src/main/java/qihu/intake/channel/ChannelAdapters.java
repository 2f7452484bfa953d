package qihu.intake.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel adapters by channel code, and the reading of a channel's native JSON. Plain Java: the same reading in
 * the service and in the mapping tests.
 */
public final class ChannelAdapters {

    /** What a payload carried. */
    public record Payload(String channel, boolean batch, List<ChannelItem> items) {}

    /**
     * Read leniently in the ways channels differ harmlessly (fields we do not use, numbers sent as strings) and
     * strictly where a wrong guess would change the request.
     */
    private static final JsonMapper NATIVE_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, ChannelMapper<?>> byChannel;

    /** @param configured the channel codes of {@code qihu.intake.channels}: every adapter's channel must be one */
    public ChannelAdapters(List<ChannelMapper<?>> mappers, Set<String> configured) {
        this.byChannel =
                mappers.stream().collect(Collectors.toUnmodifiableMap(ChannelMapper::channel, Function.identity()));
        List<String> unconfigured = byChannel.keySet().stream()
                .filter(channel -> !configured.contains(channel))
                .sorted()
                .toList();
        if (!unconfigured.isEmpty()) {
            throw new IllegalStateException(
                    "channel adapters for channels missing from qihu.intake.channels: " + unconfigured);
        }
    }

    public Optional<ChannelMapper<?>> adapterOf(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    /** Reads a channel's native JSON into canonical requests. Unreadable JSON → 400 naming the channel's field. */
    public Payload read(String channel, byte[] body) {
        ChannelMapper<?> mapper = adapterOf(channel)
                .orElseThrow(() -> new NotFoundException("no adapter for channel '" + channel
                        + "'; channels without their own shape send canonical requests to /api/v1/requests"));
        return new Payload(channel, mapper.batch(), map(mapper, body));
    }

    private static <P> List<ChannelItem> map(ChannelMapper<P> mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "is required");
        }
        P payload;
        try {
            payload = NATIVE_JSON.readValue(body, mapper.payloadType());
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(violationOf(e)));
        }
        if (payload == null) {
            throw new InvalidInputException("body", "is required");
        }
        return mapper.map(payload);
    }

    /** Names the field as the channel named it: Jackson's path follows the JSON, not our records. */
    static FieldViolation violationOf(JacksonException e) {
        if (e instanceof StreamReadException) {
            return new FieldViolation("body", "malformed JSON: " + e.getOriginalMessage());
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (path.isEmpty()) {
            return new FieldViolation("body", "must be a JSON object of the channel's shape");
        }
        String reason = e instanceof InvalidFormatException format
                ? "has the wrong format: '" + format.getValue() + "'"
                : "has the wrong type";
        return new FieldViolation(path.toString(), reason);
    }
}

package qihu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds requests to intake as a channel system does: signed with the channel's key over timestamp, nonce and body
 * (intake-service/CHANNELS.md, "Signing"). Used by the tests, the channel simulator and the load driver.
 */
public final class ChannelClient {

    /** Where the local stack's demo keys are configured, relative to the repository root. */
    public static final Path INTAKE_CONFIG = Path.of("intake-service/src/main/resources/application.yml");

    private static final Pattern CHANNEL_KEYS = Pattern.compile("\n {8}([a-z0-9-]+):\n {10}keys: \\[ *([^, \\]]+)");

    private final URI intake;
    private final Map<String, String> keys;

    /** @param keys each channel's signing key */
    public ChannelClient(URI intake, Map<String, String> keys) {
        this.intake = intake;
        this.keys = Map.copyOf(keys);
    }

    /** The first demo key of every channel, as intake's application.yml lists them. */
    public static Map<String, String> demoKeys(Path repoRoot) {
        Path config = repoRoot.resolve(INTAKE_CONFIG);
        try {
            Matcher matcher = CHANNEL_KEYS.matcher(Files.readString(config, StandardCharsets.UTF_8));
            Map<String, String> keys = new LinkedHashMap<>();
            while (matcher.find()) {
                keys.put(matcher.group(1), matcher.group(2));
            }
            if (keys.isEmpty()) {
                throw new StackException("no channel keys under qihu.intake.security.channels in " + config);
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the channels' demo keys from " + config, e);
        }
    }

    public URI intake() {
        return intake;
    }

    /** A canonical request to {@code POST /api/v1/requests}, signed by {@code channel}. */
    public HttpRequest canonical(String channel, byte[] body) {
        return signed(channel, "/api/v1/requests", body);
    }

    /** The channel's own payload to {@code POST /api/v1/channels/{channel}/requests}. */
    public HttpRequest nativePayload(String channel, byte[] body) {
        return signed(channel, "/api/v1/channels/" + channel + "/requests", body);
    }

    /**
     * Any body to any path, signed by {@code channel} with its key (or with a key intake does not know, if the
     * channel has none here).
     */
    public HttpRequest signed(String channel, String path, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(intake.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signatureHeaders(channel, body).forEach(request::header);
        return request.build();
    }

    /** The channel, a fresh timestamp and nonce, and the signature over them and the body (CHANNELS.md). */
    public Map<String, String> signatureHeaders(String channel, byte[] body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        String key = keys.getOrDefault(channel, "no-key-for-" + channel);
        return Map.of(
                "X-Qihu-Channel", channel,
                "X-Qihu-Timestamp", timestamp,
                "X-Qihu-Nonce", nonce,
                "X-Qihu-Signature", signature(key, timestamp, nonce, body));
    }

    /** Lowercase hex HMAC-SHA256 over {@code timestamp \n nonce \n body}. */
    public static String signature(String key, String timestamp, String nonce, byte[] body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            hmac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hmac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}

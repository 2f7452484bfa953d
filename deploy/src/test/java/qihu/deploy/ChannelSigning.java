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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Requests to intake signed as a channel signs them (intake-service/CHANNELS.md, "Signing"), with its demo key. */
public final class ChannelSigning {

    /** Where the channels' demo keys are configured. */
    private static final Path INTAKE_CONFIG = Path.of("../intake-service/src/main/resources/application.yml");

    private ChannelSigning() {}

    /** {@code POST /api/v1/requests} of {@code body}, signed by {@code channel}. */
    public static HttpRequest signed(URI intake, String channel, byte[] body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        String signature;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(demoKey(channel).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            hmac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            signature = HexFormat.of().formatHex(hmac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(intake.resolve("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .header("X-Qihu-Channel", channel)
                .header("X-Qihu-Timestamp", timestamp)
                .header("X-Qihu-Nonce", nonce)
                .header("X-Qihu-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /**
     * The channel's first demo key, as intake's application.yml lists it under qihu.intake.security.channels; a
     * channel without one signs with a key intake does not know.
     */
    static String demoKey(String channel) {
        try {
            String config = Files.readString(INTAKE_CONFIG, StandardCharsets.UTF_8);
            Matcher keys = Pattern.compile("\n {8}" + Pattern.quote(channel) + ":\n {10}keys: \\[ *([^, \\]]+)")
                    .matcher(config);
            return keys.find() ? keys.group(1) : "no-key-for-" + channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package qihu.intake.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The channel signature (CHANNELS.md, "Signing"): lowercase hex of HMAC-SHA256 under the channel's key over
 * {@code timestamp + "\n" + nonce + "\n" + body}, the body as the exact bytes sent.
 */
public final class ChannelSignature {

    private static final String HMAC = "HmacSHA256";
    private static final byte[] SEPARATOR = {'\n'};

    private ChannelSignature() {}

    public static String sign(String key, String timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(SEPARATOR);
            mac.update(nonce.getBytes(StandardCharsets.UTF_8));
            mac.update(SEPARATOR);
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** Whether the signature was made with one of the keys (during a rotation, the old or the new one). */
    public static boolean verifies(List<String> keys, String timestamp, String nonce, byte[] body, String signature) {
        byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String key : keys) {
            // Compared in constant time, and every key is tried, so timing tells nothing about the key.
            match |=
                    MessageDigest.isEqual(sign(key, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII), given);
        }
        return match;
    }
}

package qihu.evaluation.feedback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed rating tokens (评价链接): {@code base64url(caseId|round|expiry).base64url(HMAC-SHA256)} under a configured
 * secret. The token alone proves that evaluation asked this enterprise to rate this round of this case until then,
 * so the rating endpoint needs no sign-in and a forged, altered or stale link is refused. Plain Java.
 */
public final class RatingLinks {

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public RatingLinks(byte[] secret) {
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** What a token grants: rating {@code round} of {@code caseId} until {@code expiresAt}. */
    public record Grant(String caseId, int round, Instant expiresAt) {}

    /** Why a token was refused. */
    public enum Refusal {
        /** Not a token, or not signed with our secret, or altered since. */
        FORGED,
        /** Signed by us, but for another case. */
        OTHER_CASE,
        /** Signed by us, but its time ran out. */
        EXPIRED
    }

    /** The outcome of checking a token: either the grant or why not. */
    public record Verdict(Grant grant, Refusal refusal) {
        public boolean valid() {
            return refusal == null;
        }
    }

    public String sign(String caseId, int round, Instant expiresAt) {
        String claims = caseId + '|' + round + '|' + expiresAt.getEpochSecond();
        byte[] body = claims.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + '.' + ENCODER.encodeToString(mac(body));
    }

    /** Checks a token presented for {@code caseId} at {@code now}. */
    public Verdict verify(String token, String caseId, Instant now) {
        Grant grant = read(token);
        if (grant == null) {
            return new Verdict(null, Refusal.FORGED);
        }
        if (!grant.caseId().equals(caseId)) {
            return new Verdict(grant, Refusal.OTHER_CASE);
        }
        if (now.isAfter(grant.expiresAt())) {
            return new Verdict(grant, Refusal.EXPIRED);
        }
        return new Verdict(grant, null);
    }

    /** The grant of a token we signed, or null. */
    private Grant read(String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return null;
        }
        try {
            byte[] body = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            // Constant time: the comparison must not tell a forger how much of the signature was right.
            if (!MessageDigest.isEqual(mac(body), signature)) {
                return null;
            }
            String[] claims = new String(body, StandardCharsets.UTF_8).split("\\|");
            if (claims.length != 3) {
                return null;
            }
            return new Grant(claims[0], Integer.parseInt(claims[1]), Instant.ofEpochSecond(Long.parseLong(claims[2])));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}

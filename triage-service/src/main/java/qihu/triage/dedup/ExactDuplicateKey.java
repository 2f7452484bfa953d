package qihu.triage.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import qihu.events.Enterprise;

/**
 * The key under which two requests are exact duplicates: the same enterprise (by credit code) raising the same
 * normalised problem text. An enterprise known only by name gets no key: merging on a guessed identity could lose a
 * request.
 */
public final class ExactDuplicateKey {

    private ExactDuplicateKey() {}

    public static Optional<String> of(Enterprise enterprise, String content) {
        if (enterprise == null || !enterprise.identified()) {
            return Optional.empty();
        }
        String material = enterprise.uscc() + '\n' + TextNormalizer.normalize(content);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

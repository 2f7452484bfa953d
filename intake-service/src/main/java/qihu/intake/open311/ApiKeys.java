package qihu.intake.open311;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import qihu.intake.request.Sha256;

/**
 * Which channel an Open311 {@code api_key} belongs to. Open311 clients are not signed (the standard has no
 * signatures): the key alone authenticates, so it is compared in constant time, against every key, by its digest.
 */
final class ApiKeys {

    private record Entry(byte[] digest, String channel) {}

    private final List<Entry> entries = new ArrayList<>();

    /** @param keysByChannel channel code → its keys */
    ApiKeys(Map<String, List<String>> keysByChannel) {
        keysByChannel.forEach((channel, keys) -> keys.forEach(key -> entries.add(new Entry(Sha256.of(key), channel))));
    }

    Optional<String> channelOf(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = Sha256.of(apiKey);
        String found = null;
        for (Entry entry : entries) {
            // No early exit: the time taken does not tell how many keys there are before the right one.
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = entry.channel();
            }
        }
        return Optional.ofNullable(found);
    }
}

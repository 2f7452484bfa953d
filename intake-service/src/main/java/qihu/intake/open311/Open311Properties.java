package qihu.intake.open311;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open311 GeoReport v2 ({@code qihu.intake.open311.*}): who may post, and the services offered.
 *
 * @param jurisdictionId the one jurisdiction this endpoint serves; a request naming another one is refused (404)
 * @param serviceNotice what every submitter is told to expect ({@code service_notice})
 * @param searchWindow the longest span {@code GET requests} covers, and the span it covers by default (the spec's
 *     90 days)
 * @param maxResults the most requests one {@code GET requests} answers (the spec recommends 1000)
 * @param apiKeys channel code → its API keys: one or two (the current and the next, for rotation), ≥ 16 characters
 * @param services the service boards (服务板块) offered as Open311 services, in the order listed
 */
@ConfigurationProperties("qihu.intake.open311")
public record Open311Properties(
        String jurisdictionId,
        String serviceNotice,
        @DefaultValue("90d") Duration searchWindow,
        @DefaultValue("1000") int maxResults,
        Map<String, List<String>> apiKeys,
        List<ServiceBoard> services) {

    /** Stable ASCII codes, as triage names the boards ({@code PROJECT}, {@code SCI_TECH}). */
    private static final Pattern SERVICE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    static final int MIN_KEY_LENGTH = 16;
    static final int MAX_KEYS = 2;

    /**
     * One service: a service board.
     *
     * @param keywords synonyms that help a submitter find the board
     * @param group the category the service is listed under
     */
    public record ServiceBoard(String code, String name, String description, List<String> keywords, String group) {
        public ServiceBoard {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    public Open311Properties {
        if (jurisdictionId == null || jurisdictionId.isBlank()) {
            throw new IllegalArgumentException("qihu.intake.open311.jurisdiction-id is required");
        }
        if (searchWindow.isNegative() || searchWindow.isZero() || maxResults < 1) {
            throw new IllegalArgumentException(
                    "qihu.intake.open311.search-window must be positive and max-results at least 1");
        }
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
        Set<String> seen = new HashSet<>();
        apiKeys.forEach((channel, keys) -> {
            if (keys == null || keys.isEmpty() || keys.size() > MAX_KEYS) {
                throw new IllegalArgumentException("qihu.intake.open311.api-keys." + channel + " must list 1 or "
                        + MAX_KEYS + " keys (the current and the next)");
            }
            for (String key : keys) {
                if (key == null || key.length() < MIN_KEY_LENGTH) {
                    throw new IllegalArgumentException("qihu.intake.open311.api-keys." + channel
                            + " keys must each be at least " + MIN_KEY_LENGTH + " characters");
                }
                if (!seen.add(key)) {
                    throw new IllegalArgumentException(
                            "qihu.intake.open311.api-keys: a key may belong to one channel only (" + channel + ")");
                }
            }
        });
        services = services == null ? List.of() : List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("qihu.intake.open311.services must list at least one service board");
        }
        Set<String> codes = new HashSet<>();
        for (ServiceBoard service : services) {
            if (service.code() == null || !SERVICE_CODE.matcher(service.code()).matches()) {
                throw new IllegalArgumentException("qihu.intake.open311.services: code '" + service.code()
                        + "' must be upper-case ASCII letters, digits or _");
            }
            if (!codes.add(service.code())) {
                throw new IllegalArgumentException(
                        "qihu.intake.open311.services: code " + service.code() + " is listed twice");
            }
            if (service.name() == null || service.name().isBlank()) {
                throw new IllegalArgumentException("qihu.intake.open311.services: " + service.code() + " needs a name");
            }
        }
    }
}

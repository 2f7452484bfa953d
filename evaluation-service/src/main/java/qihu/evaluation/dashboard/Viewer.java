package qihu.evaluation.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;
import qihu.support.web.TokenClaims;

/**
 * Who looks at the dashboard, from their access token (the same claims dispatch reads, {@code qihu.evaluation.access
 * .claims.*}): leaders (领导) and supervisors (督办) see their region and below, administrators everything, anyone else
 * nothing.
 */
final class Viewer {

    /** Where in an access token the scope is; a dotted name reaches into an object claim. */
    @ConfigurationProperties("qihu.evaluation.access.claims")
    record ClaimNames(
            @DefaultValue("roles") String roles,
            @DefaultValue("region") String region) {}

    static final Set<String> WATCHERS = Set.of("leader", "supervisor");
    static final String ADMIN = "admin";

    private Viewer() {}

    /**
     * @throws AccessDeniedException (403, {@link DashboardConfiguration}) for a person who may not see the dashboard,
     *     or one without a region
     */
    static RegionScope scopeOf(Jwt token, ClaimNames claims) {
        List<String> roles = words(claim(token, claims.roles()));
        if (roles.contains(ADMIN)) {
            return RegionScope.EVERYWHERE;
        }
        if (roles.stream().noneMatch(WATCHERS::contains)) {
            throw new AccessDeniedException("the dashboard is for leaders, supervisors and admins");
        }
        Object region = claim(token, claims.region());
        if (!(region instanceof String code) || !code.strip().matches("\\d{6}(\\d{3})?")) {
            throw new AccessDeniedException("the access token names no region (GB/T 2260 code)");
        }
        return new RegionScope(code.strip());
    }

    private static Object claim(Jwt jwt, String path) {
        return TokenClaims.at(jwt.getClaims(), path);
    }

    private static List<String> words(Object value) {
        return TokenClaims.words(value).stream()
                .map(word -> word.toLowerCase(Locale.ROOT))
                .toList();
    }
}

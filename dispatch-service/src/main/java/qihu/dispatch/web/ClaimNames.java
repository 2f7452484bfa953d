package qihu.dispatch.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where in an access token the scope is ({@code qihu.dispatch.access.claims.*}), so that another OpenID Connect
 * provider can be used by configuration: a dotted name reaches into an object claim (Keycloak's
 * {@code realm_access.roles}).
 *
 * @param roles a list of role names, or one string of names separated by spaces or commas
 * @param region a GB/T 2260 code
 * @param department a directory department id
 * @param name the display name; the subject when absent
 */
@ConfigurationProperties("qihu.dispatch.access.claims")
public record ClaimNames(
        @DefaultValue("roles") String roles,
        @DefaultValue("region") String region,
        @DefaultValue("department") String department,
        @DefaultValue("name") String name) {}

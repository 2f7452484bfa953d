package qihu.auth;

import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the scope the services enforce into access and ID tokens: {@value #ROLES} (a list), {@value #REGION} (GB/T
 * 2260), {@value #DEPARTMENT} (absent above departments) and {@value #NAME}. A person's come from the people list; a
 * client acting on its own (client_credentials) gets the claims configured for it, or none.
 */
public class QihuClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String ROLES = "roles";
    public static final String REGION = "region";
    public static final String DEPARTMENT = "department";
    public static final String NAME = "name";

    private final PeopleProperties people;

    public QihuClaims(PeopleProperties people) {
        this.people = people;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken =
                OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        JwtClaimsSet.Builder claims = context.getClaims();
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            ServiceClient client =
                    people.clients().get(context.getRegisteredClient().getClientId());
            if (client != null) {
                put(claims, client.name(), client.roles(), client.region(), null);
            }
            return;
        }
        people.person(context.getPrincipal().getName())
                .ifPresent(p -> put(claims, p.name(), p.roles(), p.region(), p.department()));
    }

    private static void put(
            JwtClaimsSet.Builder claims, String name, List<String> roles, String region, String department) {
        claims.claim(NAME, name).claim(ROLES, roles).claim(REGION, region);
        if (department != null) {
            claims.claim(DEPARTMENT, department);
        }
    }
}

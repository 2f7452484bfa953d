package qihu.dispatch.web;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.AccessPolicy;
import qihu.dispatch.access.Person;
import qihu.dispatch.access.Role;
import qihu.support.web.TokenClaims;
import reactor.core.publisher.Mono;

/**
 * Turns a verified access token into the caller's {@link Access}, which controllers receive as the authentication's
 * principal ({@code @AuthenticationPrincipal Access who}). Unknown roles and malformed claims give no rights rather
 * than an error.
 */
final class SignedInPeople implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final ClaimNames claims;
    private final AccessPolicy policy;

    SignedInPeople(ClaimNames claims, AccessPolicy policy) {
        this.claims = claims;
        this.policy = policy;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            // Nobody to record as having acted.
            return Mono.error(new InvalidBearerTokenException("the token names no subject"));
        }
        return Mono.just(new SignedIn(policy.of(person(jwt)), jwt));
    }

    Person person(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : TokenClaims.words(claim(jwt, claims.roles()))) {
            Role.of(name).ifPresent(roles::add);
        }
        String name = TokenClaims.text(claim(jwt, claims.name()));
        return new Person(
                jwt.getSubject(),
                name == null ? jwt.getSubject() : name,
                roles,
                TokenClaims.text(claim(jwt, claims.region())),
                TokenClaims.text(claim(jwt, claims.department())));
    }

    private static Object claim(Jwt jwt, String path) {
        return TokenClaims.at(jwt.getClaims(), path);
    }

    /** The authentication of a request with a valid token: the principal is what the person may see and do. */
    static final class SignedIn extends AbstractAuthenticationToken {

        private final Access access;
        private final Jwt token;

        SignedIn(Access access, Jwt token) {
            super(access.person().roles().stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                    .toList());
            this.access = access;
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public Access getPrincipal() {
            return access;
        }

        @Override
        public Jwt getCredentials() {
            return token;
        }

        @Override
        public String getName() {
            return access.who();
        }
    }
}

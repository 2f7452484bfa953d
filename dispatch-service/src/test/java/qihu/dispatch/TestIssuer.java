package qihu.dispatch;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.dispatch.access.Person;
import qihu.dispatch.access.Role;

/**
 * Stands in for the sign-in in service tests: its own RSA key (one per test JVM), tokens shaped as auth-server issues
 * them, and tokens the service must refuse. The service verifies them with {@link TestIssuerConfiguration}.
 */
public final class TestIssuer {

    public static final String ISSUER = "https://sign-in.qihu.test";

    private static final KeyPair KEY = newKey();
    private static final String KEY_ID = "qihu-test-key";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private TestIssuer() {}

    /** The {@code Authorization} header value of a valid token for this person. */
    public static String bearer(Person person) {
        return "Bearer " + token(person, UnaryOperator.identity(), KEY, KEY_ID);
    }

    /** Tokens that must not be accepted, each for this person. */
    public enum BadToken {
        SIGNED_WITH_ANOTHER_KEY,
        EXPIRED,
        OF_ANOTHER_ISSUER,
        WITHOUT_SUBJECT,
        NOT_A_JWT;

        public String bearer(Person person) {
            return "Bearer "
                    + switch (this) {
                        case SIGNED_WITH_ANOTHER_KEY ->
                            token(person, UnaryOperator.identity(), newKey(), "another-key");
                        case EXPIRED ->
                            token(
                                    person,
                                    claims -> claims.issuedAt(Instant.now().minus(Duration.ofHours(2)))
                                            .expiresAt(Instant.now().minus(Duration.ofHours(1))),
                                    KEY,
                                    KEY_ID);
                        case OF_ANOTHER_ISSUER ->
                            token(person, claims -> claims.issuer("https://elsewhere.example"), KEY, KEY_ID);
                        case WITHOUT_SUBJECT ->
                            token(person, claims -> claims.claims(all -> all.remove("sub")), KEY, KEY_ID);
                        case NOT_A_JWT -> "not-a-token";
                    };
        }
    }

    /** The client, sending a valid token of this person with every request. */
    public static WebTestClient signedIn(WebTestClient http, Person who) {
        return http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, bearer(who))
                .build();
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEY.getPublic();
    }

    /** The public key as a JWK set document, as the sign-in publishes it at {@code /oauth2/jwks}. */
    static String jwkSet() {
        return new JWKSet(new RSAKey.Builder(publicKey()).keyID(KEY_ID).build()).toString();
    }

    private static String token(Person person, UnaryOperator<JwtClaimsSet.Builder> change, KeyPair key, String keyId) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(person.subject())
                .audience(List.of("qihu-web"))
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .claim("name", person.name())
                .claim("roles", person.roles().stream().map(Role::claim).toList());
        if (person.region() != null) {
            claims.claim("region", person.region());
        }
        if (person.department() != null) {
            claims.claim("department", person.department());
        }
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withKeyPair(
                        (RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate())
                .jwkPostProcessor(jwk -> jwk.keyID(keyId))
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build(),
                        change.apply(claims).build()))
                .getTokenValue();
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

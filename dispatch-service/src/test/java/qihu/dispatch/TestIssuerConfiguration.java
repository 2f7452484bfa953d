package qihu.dispatch;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * In every service test context (listed in the test classpath's {@code AutoConfiguration.imports}, so the contexts
 * stay shared): the service verifies tokens against {@link TestIssuer}'s key and issuer, as it verifies the real
 * sign-in's through its JWK set, so tests need no sign-in running.
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnProperty(name = TestIssuerConfiguration.SIGN_IN, havingValue = "test-key", matchIfMissing = true)
public class TestIssuerConfiguration {

    /** Set to {@code jwk-set} for a context that checks tokens as configured, through a JWK set URI. */
    public static final String SIGN_IN = "qihu.test.sign-in";

    @Bean
    ReactiveJwtDecoder testIssuerJwtDecoder() {
        NimbusReactiveJwtDecoder decoder =
                NimbusReactiveJwtDecoder.withPublicKey(TestIssuer.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestIssuer.ISSUER));
        return decoder;
    }
}

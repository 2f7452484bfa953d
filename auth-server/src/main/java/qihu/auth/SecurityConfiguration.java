package qihu.auth;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Two filter chains, as Spring Authorization Server's own samples have them: the protocol endpoints (OpenID Connect
 * on), then everything else behind the login form. Health and metrics stay open for the launcher and Prometheus.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The public client of the web pages: their origins may call the token endpoint from the browser. */
    static final String WEB_CLIENT = "qihu-web";

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, RegisteredClientRepository clients) {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(withDefaults());
        });
        http.cors(cors -> cors.configurationSource(webPages(clients)));
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
        // The OIDC user-info endpoint takes the access token.
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
        // A browser that is not signed in yet is sent to the login form; API clients get a 401.
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint("/login"), browsers));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) {
        http.authorizeHttpRequests(authorize -> authorize
                .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                .permitAll()
                .anyRequest()
                .authenticated());
        http.formLogin(withDefaults());
        return http.build();
    }

    /**
     * The web pages exchange their code for a token from the browser (a cross-origin POST), so the token endpoint, the
     * keys and discovery answer CORS requests from the origins of the web client's redirect URIs, and no others.
     */
    static CorsConfigurationSource webPages(RegisteredClientRepository clients) {
        RegisteredClient web = clients.findByClientId(WEB_CLIENT);
        List<String> origins = web == null
                ? List.of()
                : web.getRedirectUris().stream()
                        .map(uri -> UriComponentsBuilder.fromUriString(uri)
                                .replacePath(null)
                                .replaceQuery(null)
                                .build()
                                .toUriString())
                        .distinct()
                        .toList();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    UserDetailsService people(PeopleProperties people) {
        return new InMemoryUserDetailsManager(people.people().stream()
                .map(p -> User.withUsername(p.username())
                        .password(p.password())
                        .authorities(
                                p.roles().stream().map(role -> "ROLE_" + role).toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> qihuClaims(PeopleProperties people) {
        return new QihuClaims(people);
    }
}

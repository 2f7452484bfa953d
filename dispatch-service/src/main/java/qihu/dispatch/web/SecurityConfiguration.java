package qihu.dispatch.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import qihu.dispatch.access.AccessPolicy;
import qihu.dispatch.routing.Directory;

/**
 * An OAuth2 resource server: every call carries a JWT of the configured issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.*}), except health, metrics, the calendar arithmetic and the web
 * app's pages ({@link HandlersApp}: they hold no data, the calls they make carry the token). No
 * sessions, no cookies, hence no CSRF. Which task a person may see or act on is decided by {@link AccessPolicy} in
 * the controllers and the task service, where the task is at hand.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    AccessPolicy accessPolicy(Directory directory) {
        return new AccessPolicy(directory);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, ReactiveJwtDecoder tokens, ClaimNames claims, AccessPolicy policy) {
        ProblemAnswers problems = new ProblemAnswers();
        JwtReactiveAuthenticationManager checks = new JwtReactiveAuthenticationManager(tokens);
        checks.setJwtAuthenticationConverter(new SignedInPeople(claims, policy));
        // The JWK set fetch fails with a plain exception, which would end as a 500: make it a 503 (ProblemAnswers).
        ReactiveAuthenticationManager signedIn = token -> checks.authenticate(token)
                .onErrorMap(
                        e -> !(e instanceof AuthenticationException),
                        e -> new AuthenticationServiceException(e.getMessage(), e));
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/calendar/deadline", "/api/v1/calendar/years")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, HandlersApp.BASE, HandlersApp.BASE + "/**", "/qihu-web/**")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.authenticationManager(signedIn))
                        .authenticationEntryPoint(problems)
                        .authenticationFailureHandler(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}

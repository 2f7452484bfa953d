package qihu.evaluation.dashboard;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import qihu.support.web.ProblemWriter;
import qihu.support.web.WebSignIn;
import reactor.core.publisher.Mono;

/**
 * The dashboard's page at {@code /dashboard/} (static/dashboard) and its security. Only the dashboard's API is an
 * OAuth2 resource server (tokens of {@code spring.security.oauth2.resourceserver.jwt.*}, the same sign-in as
 * dispatch's); everything else of the service (ratings by link or channel, KPIs, stats, health) stays open as before.
 * No sessions or cookies, hence no CSRF.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({WebSignIn.class, DashboardProperties.class, Viewer.ClaimNames.class})
class DashboardConfiguration {

    static final String BASE = "/dashboard";

    @Bean
    RouterFunction<ServerResponse> dashboardPages(
            WebSignIn signIn, @Value("classpath:/static/dashboard/index.html") Resource page) {
        return signIn.pages(BASE, page);
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain dashboardApi(ServerHttpSecurity http) {
        Problems problems = new Problems();
        return stateless(http.securityMatcher(pathMatchers("/api/v1/dashboard", "/api/v1/dashboard/**")))
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain everythingElse(ServerHttpSecurity http) {
        return stateless(http)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    /** 401 with a {@code WWW-Authenticate: Bearer} challenge (RFC 6750) and 403, as problem+json. */
    private static final class Problems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

        @Override
        public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
            return ProblemWriter.signInRequired(
                    exchange, e instanceof InvalidBearerTokenException ? e.getMessage() : null);
        }

        @Override
        public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
            return ProblemWriter.write(
                    exchange, HttpStatus.FORBIDDEN, "Not permitted: " + e.getMessage(), List.of(), null, false);
        }
    }
}

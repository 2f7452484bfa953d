package qihu.support.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * How a service's web pages sign people in ({@code qihu.web.*}): in the browser, with the OpenID Connect code flow and
 * PKCE as the public client {@code qihu-web}, keeping the access token in the tab's sessionStorage and sending it as a
 * bearer token to the service that served the page. The pages learn the provider from {@code <base>/config.json}; the
 * shared script is {@code /qihu-web/signin.js} (service-support's {@code META-INF/resources}).
 *
 * @param issuer the provider's issuer: the one whose tokens the service accepts
 * @param clientId the public client registered at the provider for the pages
 * @param scope what the pages ask for
 * @param authorizationEndpoint the provider's {@code authorization_endpoint}; Spring Authorization Server's when absent
 * @param tokenEndpoint the provider's {@code token_endpoint}; Spring Authorization Server's when absent
 * @param endSessionEndpoint the provider's {@code end_session_endpoint} (sign out); Spring Authorization Server's when
 *     absent
 */
@ConfigurationProperties("qihu.web")
public record WebSignIn(
        String issuer,
        @DefaultValue("qihu-web") String clientId,
        @DefaultValue("openid profile") String scope,
        String authorizationEndpoint,
        String tokenEndpoint,
        String endSessionEndpoint) {

    /**
     * The pages of one service under {@code base} (e.g. {@code /app}): the page itself at {@code base/} and at the
     * sign-in's return address {@code base/login/callback}, and the sign-in settings at {@code base/config.json}. The
     * page's scripts and styles are ordinary static resources under {@code static/<base>/}.
     */
    public RouterFunction<ServerResponse> pages(String base, Resource page) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("issuer", issuer);
        config.put("clientId", clientId);
        config.put("scope", scope);
        config.put("authorizationEndpoint", orDefault(authorizationEndpoint, "/oauth2/authorize"));
        config.put("tokenEndpoint", orDefault(tokenEndpoint, "/oauth2/token"));
        config.put("endSessionEndpoint", orDefault(endSessionEndpoint, "/connect/logout"));
        config.put("base", base);
        config.put("callbackPath", base + "/login/callback");
        CacheControl fresh = CacheControl.noCache();
        return RouterFunctions.route(
                        GET(base).or(GET(base + "/")).or(GET(base + "/login/callback")),
                        request -> ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .cacheControl(fresh)
                                .bodyValue(page))
                .andRoute(
                        GET(base + "/config.json"),
                        request -> ServerResponse.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .cacheControl(fresh)
                                .bodyValue(config));
    }

    private String orDefault(String endpoint, String springAuthorizationServerPath) {
        if (endpoint != null && !endpoint.isBlank()) {
            return endpoint;
        }
        return issuer == null ? null : issuer.replaceAll("/+$", "") + springAuthorizationServerPath;
    }
}

package qihu.dispatch.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import qihu.support.web.WebSignIn;

/**
 * The handlers' web app at {@code /app/} (static/app): plain HTML and JavaScript that sign the person in at the
 * configured provider ({@code qihu.web.*}) and call {@link TaskController} with their token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSignIn.class)
class HandlersApp {

    static final String BASE = "/app";

    @Bean
    RouterFunction<ServerResponse> handlersAppPages(
            WebSignIn signIn, @Value("classpath:/static/app/index.html") Resource page) {
        return signIn.pages(BASE, page);
    }
}

package qihu.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The local stack's OpenID Connect provider (登录): people sign in here and the services accept its JWTs. Production
 * points the services at its own provider instead (README, "People and sign-in").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServerApplication {
    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}

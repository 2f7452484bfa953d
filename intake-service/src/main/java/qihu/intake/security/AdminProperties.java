package qihu.intake.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use {@code /api/v1/admin/**} ({@code qihu.intake.admin.*}): bearer tokens, two at most so one can be
 * rotated. The service centre's sign-in (OIDC) takes this over when intake becomes a resource server.
 */
@ConfigurationProperties("qihu.intake.admin")
public record AdminProperties(List<String> tokens) {

    public AdminProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        if (tokens.size() > SecurityProperties.MAX_KEYS
                || tokens.stream().anyMatch(t -> t == null || t.length() < SecurityProperties.MIN_KEY_LENGTH)) {
            throw new IllegalArgumentException(
                    "qihu.intake.admin.tokens must list at most " + SecurityProperties.MAX_KEYS + " tokens of at least "
                            + SecurityProperties.MIN_KEY_LENGTH + " characters");
        }
    }
}

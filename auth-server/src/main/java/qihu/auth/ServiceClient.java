package qihu.auth;

import java.util.List;

/**
 * What a client's own tokens (client_credentials grant, no person signed in) carry: a tool acts with these roles.
 *
 * @param name shown in the services' records, e.g. "Qihu tools"
 * @param roles as for a {@link Person}
 * @param region as for a {@link Person}
 */
public record ServiceClient(String name, List<String> roles, String region) {

    public ServiceClient {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}

package qihu.auth;

import java.util.List;
import java.util.Set;

/**
 * Someone who signs in, with the scope the services enforce.
 *
 * @param username the login name; the tokens' subject
 * @param name shown to people, e.g. 李伟
 * @param password an encoded password ({@code {bcrypt}…})
 * @param roles some of {@link #ROLES}
 * @param region GB/T 2260 code of the region the roles apply to (9 digits for a township)
 * @param department the directory's department id (e.g. {@code 330782-esc}); null for roles above departments
 */
public record Person(
        String username, String name, String password, List<String> roles, String region, String department) {

    /** 经办人, 督办, 领导, 管理员. */
    public static final Set<String> ROLES = Set.of("handler", "supervisor", "leader", "admin");

    public Person {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}

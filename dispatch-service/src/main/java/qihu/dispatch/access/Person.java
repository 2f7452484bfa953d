package qihu.dispatch.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Someone signed in, as their access token describes them.
 *
 * @param subject the token's subject (the login name): recorded as who claimed, resolved, returned or transferred
 * @param name shown to people; the subject when the token has no name
 * @param roles the roles Qihu knows among the token's (others are ignored)
 * @param region GB/T 2260 code the roles apply to; may be null for an admin
 * @param department the directory's department id, for a handler
 */
public record Person(String subject, String name, Set<Role> roles, String region, String department) {

    public Person {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }
}

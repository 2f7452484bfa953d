package qihu.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people who can sign in and the claims of the clients that act on their own ({@code qihu.auth.*}); the demo set
 * is {@code people/demo.yml}. Checked at start-up: a typo in a role or region would otherwise only show as a person
 * who sees nothing.
 *
 * @param people by login name
 * @param clients by client id: the claims of that client's client_credentials tokens
 */
@ConfigurationProperties("qihu.auth")
public record PeopleProperties(List<Person> people, Map<String, ServiceClient> clients) {

    private static final Pattern REGION = Pattern.compile("\\d{6}|\\d{9}");

    public PeopleProperties {
        people = people == null ? List.of() : List.copyOf(people);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        List<String> problems = new ArrayList<>();
        Set<String> usernames = new HashSet<>();
        for (Person person : people) {
            String who = "qihu.auth.people[" + person.username() + "]";
            if (person.username() == null || person.username().isBlank()) {
                problems.add("a person has no username");
            } else if (!usernames.add(person.username())) {
                problems.add(who + " is listed twice");
            }
            if (person.password() == null || !person.password().startsWith("{")) {
                problems.add(who + ".password must be encoded, e.g. {bcrypt}…");
            }
            if (person.roles().contains("handler") && person.department() == null) {
                problems.add(who + " is a handler without a department");
            }
            check(who, person.roles(), person.region(), problems);
        }
        clients.forEach((id, client) -> check("qihu.auth.clients." + id, client.roles(), client.region(), problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public Optional<Person> person(String username) {
        return people.stream().filter(p -> p.username().equals(username)).findFirst();
    }

    private static void check(String who, List<String> roles, String region, List<String> problems) {
        if (roles.isEmpty() || !Person.ROLES.containsAll(roles)) {
            problems.add(who + ".roles must be some of " + Person.ROLES + ", got " + roles);
        }
        if (region == null || !REGION.matcher(region).matches()) {
            problems.add(who + ".region must be a GB/T 2260 code of 6 or 9 digits, got " + region);
        }
    }
}

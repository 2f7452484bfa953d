package qihu.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mistake in the people list stops the start instead of leaving someone who silently sees nothing. */
class PeoplePropertiesTest {

    private static final String HASH = "{bcrypt}$2a$10$gqMFQS/u7.pdnE67niabC./mRuB6i8HRv9mHl26fmKVYKdZvgmg1G";

    @Test
    void namesEveryMistake() {
        List<Person> people = List.of(
                new Person("li", "李伟", HASH, List.of("handler"), "330782", null),
                new Person("li", "李伟", "qihu-demo", List.of("handler"), "330782", "330782-esc"),
                new Person("zhou", "周涛", HASH, List.of("mayor"), "3307", null));

        assertThatThrownBy(() -> new PeopleProperties(people, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qihu.auth.people[li] is a handler without a department")
                .hasMessageContaining("qihu.auth.people[li] is listed twice")
                .hasMessageContaining("qihu.auth.people[li].password must be encoded")
                .hasMessageContaining("qihu.auth.people[zhou].roles must be some of")
                .hasMessageContaining("qihu.auth.people[zhou].region must be a GB/T 2260 code");
    }

    @Test
    void aClientActingOnItsOwnNeedsRolesAndARegionToo() {
        assertThatThrownBy(() ->
                        new PeopleProperties(List.of(), Map.of("qihu-tools", new ServiceClient("Tools", null, null))))
                .hasMessageContaining("qihu.auth.clients.qihu-tools.roles")
                .hasMessageContaining("qihu.auth.clients.qihu-tools.region");
    }

    @Test
    void findsAPersonByUsername() {
        Person li = new Person("li", "李伟", HASH, List.of("handler"), "330782", "330782-esc");

        PeopleProperties properties = new PeopleProperties(List.of(li), null);

        assertThat(properties.person("li")).contains(li);
        assertThat(properties.person("wang")).isEmpty();
        assertThat(properties.clients()).isEmpty();
    }
}

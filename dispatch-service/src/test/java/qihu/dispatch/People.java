package qihu.dispatch;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.core.io.FileSystemResource;
import qihu.dispatch.access.Person;
import qihu.dispatch.access.Role;

/**
 * People for tests: the demo people the local sign-in ships ({@code auth-server/…/people/demo.yml}, one list for the
 * sign-in, these tests and the docs), and people made up for a test.
 */
public final class People {

    /** Relative to this module, where the tests run. */
    private static final String DEMO_FILE = "../auth-server/src/main/resources/people/demo.yml";

    public static final Person ADMIN = demo("admin");
    public static final Person JINHUA_LEADER = demo("jinhua.leader");
    public static final Person JINHUA_SUPERVISOR = demo("jinhua.supervisor");
    public static final Person YIWU_SUPERVISOR = demo("yiwu.supervisor");
    /** 义乌市企业综合服务中心 (330782-esc). */
    public static final Person YIWU_ESC_HANDLER = demo("yiwu.esc.handler");
    /** 义乌市发展和改革局 (330782-drb): the same county as the centre, another department. */
    public static final Person YIWU_DRB_HANDLER = demo("yiwu.drb.handler");
    /** 稠城街道 (330782001-svc), a township under Yiwu. */
    public static final Person CHOUCHENG_HANDLER = demo("choucheng.handler");
    /** 东阳市企业综合服务中心 (330783-esc): Yiwu's sibling county. */
    public static final Person DONGYANG_HANDLER = demo("dongyang.esc.handler");

    private People() {}

    /** One entry of the demo file (its password is not needed here). */
    public record DemoPerson(String username, String name, List<String> roles, String region, String department) {}

    public static Collection<Person> demoPeople() {
        return DemoFile.PEOPLE.values();
    }

    public static Person demo(String username) {
        Person person = DemoFile.PEOPLE.get(username);
        if (person == null) {
            throw new IllegalArgumentException("no demo person " + username + " in " + DEMO_FILE);
        }
        return person;
    }

    /** A handler of a department, under another name than the demo's (two handlers of one department). */
    public static Person handler(String subject, String department, String region) {
        return new Person(subject, subject, Set.of(Role.HANDLER), region, department);
    }

    /** Someone with these roles in a region, no department. */
    public static Person person(String subject, String region, Role... roles) {
        Set<Role> set = roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles);
        return new Person(subject, subject, set, region, null);
    }

    /** Loaded on first use, before the constants above are. */
    private static final class DemoFile {
        static final Map<String, Person> PEOPLE = load();

        private static Map<String, Person> load() {
            List<DemoPerson> listed = ShippedConfig.bind(
                    new FileSystemResource(DEMO_FILE), "qihu.auth.people", Bindable.listOf(DemoPerson.class));
            Map<String, Person> people = new LinkedHashMap<>();
            for (DemoPerson p : listed) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                p.roles().forEach(claim -> roles.add(Role.of(claim).orElseThrow()));
                people.put(p.username(), new Person(p.username(), p.name(), roles, p.region(), p.department()));
            }
            return people;
        }
    }
}

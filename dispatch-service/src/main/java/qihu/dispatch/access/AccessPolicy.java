package qihu.dispatch.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import qihu.dispatch.routing.Directory;

/**
 * The scope rules (区域与部门范围), over the directory's region tree:
 *
 * <ul>
 *   <li>a handler covers their own department's tasks in their own region;
 *   <li>a supervisor and a leader cover their region and every region below it (a county and its townships, never a
 *       sibling county); a supervisor may transfer to departments there or above (up to the city), not sideways;
 *   <li>an admin covers everything.
 * </ul>
 *
 * A region the directory lacks covers only tasks of that exact code.
 */
public final class AccessPolicy {

    private final Directory directory;

    public AccessPolicy(Directory directory) {
        this.directory = directory;
    }

    public Access of(Person person) {
        List<Grant> grants = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Role role : person.roles()) {
            switch (role) {
                case ADMIN -> grants.add(new Grant(role, null, null, null));
                case HANDLER -> {
                    if (person.department() == null || person.region() == null) {
                        unusable.add("a handler needs both a department and a region claim");
                    } else {
                        grants.add(new Grant(role, person.department(), Set.of(person.region()), Set.of()));
                    }
                }
                case SUPERVISOR, LEADER -> {
                    if (person.region() == null) {
                        unusable.add("a " + role.claim() + " needs a region claim");
                    } else {
                        Set<String> below = regionAndBelow(person.region());
                        Set<String> targets = new LinkedHashSet<>(below);
                        targets.addAll(directory.regionsAbove(person.region()));
                        grants.add(new Grant(role, null, below, targets));
                    }
                }
            }
        }
        String whyNoGrants = unusable.isEmpty()
                ? "no role in Qihu: the token names none of handler, supervisor, leader, admin"
                : String.join("; ", unusable);
        return new Access(person, grants, whyNoGrants);
    }

    private Set<String> regionAndBelow(String region) {
        Set<String> below = new LinkedHashSet<>(directory.regionAndBelow(region));
        below.add(region);
        return below;
    }
}

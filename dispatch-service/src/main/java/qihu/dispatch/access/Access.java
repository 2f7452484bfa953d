package qihu.dispatch.access;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one signed-in person may see and do: the union of their roles' {@link Grant}s. The same rules answer a query
 * (which tasks to list) and a single task (may they claim this one).
 */
public final class Access {

    private final Person person;
    private final List<Grant> grants;
    private final String whyNoGrants;

    Access(Person person, List<Grant> grants, String whyNoGrants) {
        this.person = person;
        this.grants = List.copyOf(grants);
        this.whyNoGrants = whyNoGrants;
    }

    public Person person() {
        return person;
    }

    /** Who is recorded as having acted: the token's subject. */
    public String who() {
        return person.subject();
    }

    public List<Grant> grants() {
        return grants;
    }

    /** @throws NotPermittedException when the person has no role in Qihu at all */
    public void requireSomeRole() {
        if (grants.isEmpty()) {
            throw new NotPermittedException(whyNoGrants);
        }
    }

    /**
     * Whether some role may do this anywhere: a leader may never claim, so they are told so whichever task they name.
     *
     * @throws NotPermittedException naming the roles that may
     */
    public void require(Action action) {
        requireSomeRole();
        if (grants.stream().noneMatch(g -> g.allows(action))) {
            throw new NotPermittedException(
                    describeRoles() + " may not " + action.description() + "; " + rolesAllowed(action) + " may");
        }
    }

    public boolean sees(String departmentId, String regionCode) {
        return grants.stream().anyMatch(g -> g.covers(departmentId, regionCode));
    }

    public boolean may(Action action, String departmentId, String regionCode) {
        return grants.stream().anyMatch(g -> g.allows(action) && g.covers(departmentId, regionCode));
    }

    public boolean mayTransferTo(String regionCode) {
        return grants.stream().anyMatch(g -> g.mayTransferTo(regionCode));
    }

    private String describeRoles() {
        return grants.stream().map(g -> g.role().claim()).distinct().collect(Collectors.joining(", "));
    }

    private static String rolesAllowed(Action action) {
        return Arrays.stream(Role.values())
                .filter(r -> r.actions().contains(action))
                .map(Role::claim)
                .collect(Collectors.joining(", "));
    }
}

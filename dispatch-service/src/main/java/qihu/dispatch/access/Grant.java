package qihu.dispatch.access;

import java.util.Set;

/**
 * One role's reach: which tasks it covers and what it may do to them.
 *
 * @param department the only department whose tasks it covers; null for any
 * @param regions the regions whose tasks it covers; null for every region
 * @param transferTargets the regions whose departments it may transfer tasks to; null for every region
 */
public record Grant(Role role, String department, Set<String> regions, Set<String> transferTargets) {

    public Grant {
        regions = regions == null ? null : Set.copyOf(regions);
        transferTargets = transferTargets == null ? null : Set.copyOf(transferTargets);
    }

    public boolean everywhere() {
        return department == null && regions == null;
    }

    public boolean covers(String departmentId, String regionCode) {
        return (department == null || department.equals(departmentId))
                && (regions == null || regions.contains(regionCode));
    }

    public boolean allows(Action action) {
        return role.actions().contains(action);
    }

    public boolean mayTransferTo(String regionCode) {
        return allows(Action.TRANSFER) && (transferTargets == null || transferTargets.contains(regionCode));
    }
}

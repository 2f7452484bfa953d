package qihu.dispatch.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The region tree and the departments in it. Routing (foundation rule): start at the request's region — or its
 * nearest ancestor the directory knows — and walk up the tree to the first region with a department serving the
 * case's board. Lower first, so that problems are solved where they arise.
 */
public final class Directory {

    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Map<String, List<Department>> departmentsByRegion = new LinkedHashMap<>();

    public Directory(Collection<Region> regions, Collection<Department> departments) {
        regions.forEach(r -> this.regions.put(r.code(), r));
        for (Region r : regions) {
            if (r.parent() != null && !this.regions.containsKey(r.parent())) {
                throw new IllegalArgumentException("region " + r.code() + " names unknown parent " + r.parent());
            }
        }
        for (Department d : departments) {
            if (!this.regions.containsKey(d.region())) {
                throw new IllegalArgumentException("department " + d.id() + " names unknown region " + d.region());
            }
            departmentsByRegion
                    .computeIfAbsent(d.region(), k -> new ArrayList<>())
                    .add(d);
        }
    }

    public Optional<Assignment> route(String regionCode, String board) {
        return route(regionCode, board, Set.of());
    }

    /** Routing that passes over departments which returned the case (退回) as not theirs. */
    public Optional<Assignment> route(String regionCode, String board, Set<String> excludedDepartments) {
        Region region = nearestKnown(regionCode).orElse(null);
        while (region != null) {
            for (Department d : departmentsByRegion.getOrDefault(region.code(), List.of())) {
                if (d.serves(board) && !excludedDepartments.contains(d.id())) {
                    return Optional.of(new Assignment(d, region));
                }
            }
            region = region.parent() == null ? null : regions.get(region.parent());
        }
        return Optional.empty();
    }

    public Optional<Assignment> department(String departmentId) {
        return departmentsByRegion.values().stream()
                .flatMap(List::stream)
                .filter(d -> d.id().equals(departmentId))
                .findFirst()
                .map(d -> new Assignment(d, regions.get(d.region())));
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    /** The region and every region below it (a county's townships); empty for a region the directory lacks. */
    public Set<String> regionAndBelow(String code) {
        Set<String> below = new LinkedHashSet<>();
        for (Region r : regions.values()) {
            if (regionsAbove(r.code()).contains(code) || r.code().equals(code)) {
                below.add(r.code());
            }
        }
        return below;
    }

    /** The regions above this one, nearest first (a township's county, then the city). */
    public List<String> regionsAbove(String code) {
        List<String> above = new ArrayList<>();
        Region region = regions.get(code);
        while (region != null && region.parent() != null) {
            above.add(region.parent());
            region = regions.get(region.parent());
        }
        return above;
    }

    /** The region itself, else the county of a township code, else the city (GB/T 2260: cccc00). */
    Optional<Region> nearestKnown(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (String candidate : List.of(
                code,
                code.substring(0, Math.min(6, code.length())),
                code.substring(0, Math.min(4, code.length())) + "00")) {
            if (regions.containsKey(candidate)) {
                return Optional.of(regions.get(candidate));
            }
        }
        return Optional.empty();
    }
}

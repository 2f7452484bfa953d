package qihu.dispatch.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The region tree and the departments in it. Routing (foundation rule): start at the request's region — or its
 * nearest ancestor the directory knows — and walk up the tree to the first region with a department serving the
 * case's board. Lower first, so that problems are solved where they arise; within a region, a department naming the
 * board before one serving every board.
 *
 * <p>The directory can be edited at run time ({@link #replace}): the whole tree is checked and swapped at once, so a
 * reader sees either the old directory or the new one, never a half-edited one.
 */
public final class Directory {

    private volatile Tree tree;

    public Directory(Collection<Region> regions, Collection<Department> departments) {
        this.tree = new Tree(regions, departments);
    }

    /**
     * Replaces the whole directory.
     *
     * @throws IllegalArgumentException when the new one is not a tree of known regions with departments in them; the
     *     directory in force is then unchanged
     */
    public void replace(Collection<Region> regions, Collection<Department> departments) {
        this.tree = new Tree(regions, departments);
    }

    /** Every region, in the order given. */
    public List<Region> regions() {
        return List.copyOf(tree.regions.values());
    }

    /** Every department, grouped by region. */
    public List<Department> departments() {
        return tree.departmentsByRegion.values().stream().flatMap(List::stream).toList();
    }

    public Optional<Assignment> route(String regionCode, String board) {
        return route(regionCode, board, Set.of());
    }

    /** Routing that passes over departments which returned the case (退回) as not theirs. */
    public Optional<Assignment> route(String regionCode, String board, Set<String> excludedDepartments) {
        Tree t = tree;
        Region region = t.nearestKnown(regionCode).orElse(null);
        while (region != null) {
            List<Department> here = t.departmentsByRegion.getOrDefault(region.code(), List.of());
            // A department that names the board comes before one serving every board (a centre's catch-all).
            for (boolean named : new boolean[] {true, false}) {
                for (Department d : here) {
                    boolean serves = named ? d.boards().contains(board) : d.serves(board);
                    if (serves && !excludedDepartments.contains(d.id())) {
                        return Optional.of(new Assignment(d, region));
                    }
                }
            }
            region = region.parent() == null ? null : t.regions.get(region.parent());
        }
        return Optional.empty();
    }

    public Optional<Assignment> department(String departmentId) {
        Tree t = tree;
        return t.departmentsByRegion.values().stream()
                .flatMap(List::stream)
                .filter(d -> d.id().equals(departmentId))
                .findFirst()
                .map(d -> new Assignment(d, t.regions.get(d.region())));
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(tree.regions.get(code));
    }

    /** The region and every region below it (a county's townships); empty for a region the directory lacks. */
    public Set<String> regionAndBelow(String code) {
        Tree t = tree;
        Set<String> below = new LinkedHashSet<>();
        for (Region r : t.regions.values()) {
            if (t.above(r.code()).contains(code) || r.code().equals(code)) {
                below.add(r.code());
            }
        }
        return below;
    }

    /** The regions above this one, nearest first (a township's county, then the city). */
    public List<String> regionsAbove(String code) {
        return tree.above(code);
    }

    /** The region itself, else the county of a township code, else the city (GB/T 2260: cccc00). */
    Optional<Region> nearestKnown(String code) {
        return tree.nearestKnown(code);
    }

    /** One consistent state of the directory. */
    private static final class Tree {

        final Map<String, Region> regions = new LinkedHashMap<>();
        final Map<String, List<Department>> departmentsByRegion = new LinkedHashMap<>();

        Tree(Collection<Region> regions, Collection<Department> departments) {
            for (Region r : regions) {
                if (this.regions.put(r.code(), r) != null) {
                    throw new IllegalArgumentException("region " + r.code() + " is listed twice");
                }
            }
            for (Region r : regions) {
                if (r.parent() == null) {
                    continue;
                }
                Region parent = this.regions.get(r.parent());
                if (parent == null) {
                    throw new IllegalArgumentException("region " + r.code() + " names unknown parent " + r.parent());
                }
                if (r.level() != null
                        && parent.level() != null
                        && r.level().ordinal() <= parent.level().ordinal()) {
                    throw new IllegalArgumentException("region " + r.code() + " (" + r.level() + ") cannot be below "
                            + parent.code() + " (" + parent.level() + "): a level lies below the one above it");
                }
                above(r.code());
            }
            Set<String> ids = new HashSet<>();
            for (Department d : departments) {
                if (!this.regions.containsKey(d.region())) {
                    throw new IllegalArgumentException("department " + d.id() + " names unknown region " + d.region());
                }
                if (!ids.add(d.id())) {
                    throw new IllegalArgumentException("department " + d.id() + " is listed twice");
                }
                departmentsByRegion
                        .computeIfAbsent(d.region(), k -> new ArrayList<>())
                        .add(d);
            }
        }

        List<String> above(String code) {
            List<String> above = new ArrayList<>();
            Region region = regions.get(code);
            while (region != null && region.parent() != null) {
                if (above.contains(region.parent()) || region.parent().equals(code)) {
                    throw new IllegalArgumentException("region " + code + " lies below itself");
                }
                above.add(region.parent());
                region = regions.get(region.parent());
            }
            return above;
        }

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
}

package qihu.evaluation.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPI read model in columns: one slot per case holding the figures the KPIs add up (as {@link CaseFacts} derives
 * them) in primitive arrays, and its region, level, board, department and channel as dictionary codes. A query scans
 * the arrays once and sums into one counter row per group, instead of walking a million objects through maps; the
 * figures are the same as {@link KpiCalculator#computeFrom}'s. Not thread-safe: {@link KpiReadModel} guards it.
 */
final class KpiColumns {

    private static final int NONE = -1;
    private static final byte RESOLVED = 1, LOCAL = 2, REOPENED = 4, CLOSED = 8, ON_TIME = 16, BY_DEFAULT = 32;

    /** Strings to small ints and back. */
    static final class Dictionary {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> values = new ArrayList<>();

        int code(String value) {
            if (value == null) {
                return NONE;
            }
            return codes.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }

        int find(String value) {
            return value == null ? NONE : codes.getOrDefault(value, NONE);
        }

        String value(int code) {
            return values.get(code);
        }

        int size() {
            return values.size();
        }
    }

    private final Map<String, Integer> slots = new HashMap<>();
    private int size;
    /** Epoch nanoseconds (exact for 1677–2262); the first deadline is {@link Long#MAX_VALUE} while there is none. */
    private long[] receivedAt = new long[0];

    private long[] firstDue = new long[0];
    private int[] merged = new int[0];
    private int[] ratings = new int[0];
    private int[] satisfied = new int[0];
    private int[] daysToClose = new int[0];
    private byte[] flags = new byte[0];
    private int[] region = new int[0];
    private int[] level = new int[0];
    private int[] board = new int[0];
    private int[] department = new int[0];
    private int[] channel = new int[0];

    /** Regions as cases carry them; each one's groups (itself and the regions above) are codes of {@code regions}. */
    private final Dictionary caseRegions = new Dictionary();

    private final List<int[]> regionGroups = new ArrayList<>();
    private final Dictionary regions = new Dictionary();
    private final Dictionary levels = new Dictionary();
    private final Dictionary boards = new Dictionary();
    private final Dictionary departments = new Dictionary();
    private final Dictionary channels = new Dictionary();

    int size() {
        return size;
    }

    /** Writes the case's slot from its facts as they stand (a case not yet opened keeps no slot). */
    void put(CaseFacts c, CaseFacts.Derived d) {
        if (!c.opened()) {
            return;
        }
        int slot = slots.computeIfAbsent(c.caseId(), id -> size++);
        if (slot >= receivedAt.length) {
            grow(Math.max(1024, receivedAt.length * 2));
        }
        receivedAt[slot] = nanos(c.receivedAt());
        firstDue[slot] = d.firstDue == null ? Long.MAX_VALUE : nanos(d.firstDue);
        merged[slot] = d.merged;
        ratings[slot] = d.ratings;
        satisfied[slot] = d.satisfied;
        daysToClose[slot] = (int) d.workingDaysToClose;
        flags[slot] = (byte) ((d.resolved ? RESOLVED : 0)
                | (d.local ? LOCAL : 0)
                | (d.reopened ? REOPENED : 0)
                | (d.closed ? CLOSED : 0)
                | (d.everyRoundOnTime ? ON_TIME : 0)
                | (d.closedByDefault ? BY_DEFAULT : 0));
        region[slot] = regionCode(c.regionCode(), d.regions);
        CaseFacts.Round last = c.lastRound();
        level[slot] = levels.code(last == null || last.level == null ? null : last.level.name());
        board[slot] = boards.code(c.board());
        department[slot] = departments.code(last == null ? null : last.departmentId);
        channel[slot] = channels.code(c.channel());
    }

    private int regionCode(String code, List<String> groups) {
        int known = caseRegions.size();
        int coded = caseRegions.code(code);
        if (coded != NONE && coded == known) {
            regionGroups.add(groups.stream().mapToInt(regions::code).toArray());
        }
        return coded;
    }

    /**
     * The figures of the cases received in the query's period (those in {@code within} and below when it is given),
     * judged at {@code query.asOf()}; rows in key order, as {@link KpiCalculator#computeFrom} gives them.
     */
    List<KpiRow> compute(KpiCalculator.Query query, String within) {
        long from = nanos(query.from());
        long to = nanos(query.to());
        long asOf = nanos(query.asOf());
        boolean[] inside = within == null ? null : regionsWithin(within);
        if (inside != null && inside.length == 0) {
            return List.of();
        }
        boolean byRegion = query.by() == Dimension.REGION;
        // By region, cases are first counted by their own region, then each count is added up the tree.
        int[] column = column(query.by());
        long[][] tallies = new long[column == null ? 1 : dictionary(query.by()).size()][];
        for (int slot = 0; slot < size; slot++) {
            long received = receivedAt[slot];
            if (received < from || received >= to || (inside != null && !inside(inside, region[slot]))) {
                continue;
            }
            int group = column == null ? 0 : column[slot];
            if (group != NONE) {
                add(tallies, group, slot, asOf);
            }
        }
        if (byRegion) {
            tallies = rolledUp(tallies);
        }
        Dictionary keys = byRegion ? regions : dictionary(query.by());
        Map<String, long[]> sorted = new TreeMap<>();
        for (int group = 0; group < tallies.length; group++) {
            if (tallies[group] != null) {
                sorted.put(column == null ? "all" : keys.value(group), tallies[group]);
            }
        }
        List<KpiRow> rows = new ArrayList<>(sorted.size());
        sorted.forEach((key, tally) -> rows.add(row(key, tally)));
        return rows;
    }

    private static boolean inside(boolean[] inside, int regionCode) {
        return regionCode != NONE && inside[regionCode];
    }

    /** Per case region code: whether it lies in {@code code} or below; empty when no case lies there. */
    private boolean[] regionsWithin(String code) {
        int group = regions.find(code);
        if (group == NONE) {
            return new boolean[0];
        }
        boolean[] inside = new boolean[caseRegions.size()];
        for (int r = 0; r < inside.length; r++) {
            for (int g : regionGroups.get(r)) {
                inside[r] |= g == group;
            }
        }
        return inside;
    }

    /** Counts by the cases' own regions → counts by every region on the tree (a county holds its townships'). */
    private long[][] rolledUp(long[][] byCaseRegion) {
        long[][] byGroup = new long[regions.size()][];
        for (int r = 0; r < byCaseRegion.length; r++) {
            if (byCaseRegion[r] == null) {
                continue;
            }
            for (int group : regionGroups.get(r)) {
                if (byGroup[group] == null) {
                    byGroup[group] = new long[COUNTERS];
                }
                for (int i = 0; i < COUNTERS; i++) {
                    byGroup[group][i] += byCaseRegion[r][i];
                }
            }
        }
        return byGroup;
    }

    private Dictionary dictionary(Dimension by) {
        return switch (by) {
            case ALL -> regions;
            case REGION -> caseRegions;
            case LEVEL -> levels;
            case BOARD -> boards;
            case DEPARTMENT -> departments;
            case CHANNEL -> channels;
        };
    }

    private int[] column(Dimension by) {
        return switch (by) {
            case ALL -> null;
            case REGION -> region;
            case LEVEL -> level;
            case BOARD -> board;
            case DEPARTMENT -> department;
            case CHANNEL -> channel;
        };
    }

    // The counters of a group, in the order of KpiRow's counts, then the cases closed at all and their working days.
    private static final int RECEIVED = 0,
            MERGED = 1,
            CASES = 2,
            DUE = 3,
            CLOSED_DUE = 4,
            CLOSED_ON_TIME = 5,
            RATINGS = 6,
            SATISFIED = 7,
            ANSWERED = 8,
            REOPENED_ANSWERED = 9,
            LOCAL_ANSWERED = 10,
            CLOSED_BY_DEFAULT = 11,
            CLOSED_ANY = 12,
            WORKING_DAYS = 13,
            COUNTERS = 14;

    private void add(long[][] tallies, int group, int slot, long asOf) {
        long[] t = tallies[group];
        if (t == null) {
            t = tallies[group] = new long[COUNTERS];
        }
        byte f = flags[slot];
        t[CASES]++;
        t[MERGED] += merged[slot];
        t[RECEIVED] += 1 + merged[slot];
        t[RATINGS] += ratings[slot];
        t[SATISFIED] += satisfied[slot];
        if ((f & RESOLVED) != 0) {
            t[ANSWERED]++;
            if ((f & LOCAL) != 0) {
                t[LOCAL_ANSWERED]++;
            }
            if ((f & REOPENED) != 0) {
                t[REOPENED_ANSWERED]++;
            }
        }
        boolean closed = (f & CLOSED) != 0;
        if (firstDue[slot] <= asOf) {
            t[DUE]++;
            if (closed) {
                t[CLOSED_DUE]++;
                if ((f & ON_TIME) != 0) {
                    t[CLOSED_ON_TIME]++;
                }
            }
        }
        if (closed) {
            t[CLOSED_ANY]++;
            if ((f & BY_DEFAULT) != 0) {
                t[CLOSED_BY_DEFAULT]++;
            }
            t[WORKING_DAYS] += daysToClose[slot];
        }
    }

    private static KpiRow row(String key, long[] t) {
        return KpiCalculator.row(
                key,
                t[RECEIVED],
                t[MERGED],
                t[CASES],
                t[DUE],
                t[CLOSED_DUE],
                t[CLOSED_ON_TIME],
                t[RATINGS],
                t[SATISFIED],
                t[ANSWERED],
                t[REOPENED_ANSWERED],
                t[LOCAL_ANSWERED],
                t[CLOSED_BY_DEFAULT],
                t[CLOSED_ANY],
                t[WORKING_DAYS]);
    }

    private void grow(int capacity) {
        receivedAt = Arrays.copyOf(receivedAt, capacity);
        firstDue = Arrays.copyOf(firstDue, capacity);
        merged = Arrays.copyOf(merged, capacity);
        ratings = Arrays.copyOf(ratings, capacity);
        satisfied = Arrays.copyOf(satisfied, capacity);
        daysToClose = Arrays.copyOf(daysToClose, capacity);
        flags = Arrays.copyOf(flags, capacity);
        region = Arrays.copyOf(region, capacity);
        level = Arrays.copyOf(level, capacity);
        board = Arrays.copyOf(board, capacity);
        department = Arrays.copyOf(department, capacity);
        channel = Arrays.copyOf(channel, capacity);
    }

    /** Epoch nanoseconds, saturated outside the years 1677–2262. */
    static long nanos(Instant at) {
        if (at.isBefore(EARLIEST)) {
            return Long.MIN_VALUE;
        }
        if (at.isAfter(LATEST)) {
            return Long.MAX_VALUE;
        }
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static final Instant EARLIEST = Instant.ofEpochSecond(-9_223_372_036L + 1);
    private static final Instant LATEST = Instant.ofEpochSecond(9_223_372_036L - 1);
}

package qihu.evaluation.kpi;

import java.util.List;

/** What the KPIs are broken down by. Region rolls up the tree: a county's cases also count for its city. */
public enum Dimension {
    ALL,
    REGION,
    LEVEL,
    BOARD,
    DEPARTMENT,
    CHANNEL;

    /** The groups a case counts in; empty when the case lacks that fact (e.g. no department yet). */
    List<String> keysOf(CaseFacts c) {
        CaseFacts.Round last = c.lastRound();
        return switch (this) {
            case ALL -> List.of("all");
            case REGION -> c.regions();
            case LEVEL -> last == null || last.level == null ? List.of() : List.of(last.level.name());
            case BOARD -> c.board == null ? List.of() : List.of(c.board);
            case DEPARTMENT -> last == null || last.departmentId == null ? List.of() : List.of(last.departmentId);
            case CHANNEL -> c.channel == null ? List.of() : List.of(c.channel);
        };
    }

    /** GB/T 2260: a township code (9 digits) lies in its county (first 6), a county in its city (first 4 + "00"). */
    static List<String> regionAndAncestors(String code) {
        if (code == null || code.length() < 6) {
            return List.of();
        }
        String county = code.substring(0, 6);
        String city = code.substring(0, 4) + "00";
        if (code.length() > 6) {
            return List.of(code, county, city);
        }
        return county.equals(city) ? List.of(city) : List.of(county, city);
    }
}

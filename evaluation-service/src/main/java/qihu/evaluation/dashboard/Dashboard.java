package qihu.evaluation.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import qihu.evaluation.dashboard.DashboardFacts.LiveCase;
import qihu.evaluation.dashboard.DashboardFacts.Received;
import qihu.evaluation.dashboard.DashboardFacts.Stage;
import qihu.evaluation.dashboard.DashboardSnapshot.OverdueCase;
import qihu.evaluation.dashboard.DashboardSnapshot.RegionRates;
import qihu.evaluation.dashboard.DashboardSnapshot.TrendDay;
import qihu.evaluation.kpi.KpiRow;
import qihu.events.SlaColour;

/**
 * The dashboard of one region as a pure function of the folded events, the KPIs by region and the time: no store,
 * no clock of its own, so a test states the events and the moment and checks every figure.
 */
final class Dashboard {

    /** The source name of the common issues when they are the service boards with the most cases. */
    static final String BOARDS = "boards";

    private final ZoneId zone;
    private final DashboardProperties properties;

    Dashboard(ZoneId zone, DashboardProperties properties) {
        this.zone = zone;
        this.properties = properties;
    }

    /** The first day whose cases the rates by region cover, given today. */
    LocalDate ratesFrom(LocalDate today) {
        return today.minusDays(properties.ratesDays() - 1L);
    }

    DashboardSnapshot snapshot(
            DashboardFacts facts,
            List<KpiRow> kpisByRegion,
            RegionScope scope,
            Instant now,
            List<CommonIssue> commonIssues,
            String commonIssuesSource) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate trendFrom = today.minusDays(properties.trendDays() - 1L);
        Map<String, Long> byChannel = new TreeMap<>();
        Map<LocalDate, long[]> trend = new TreeMap<>();
        for (LocalDate day = trendFrom; !day.isAfter(today); day = day.plusDays(1)) {
            trend.put(day, new long[3]);
        }
        for (Received request : facts.received) {
            LiveCase c = facts.cases.get(request.caseId());
            if (c == null || !scope.contains(c.regionCode) || request.at() == null) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(request.at(), zone);
            if (day.equals(today)) {
                byChannel.merge(request.channel() == null ? "unknown" : request.channel(), 1L, Long::sum);
            }
            count(trend, day, 0);
        }
        Map<String, Long> byColour = new LinkedHashMap<>();
        for (SlaColour colour : SlaColour.values()) {
            byColour.put(colour.name(), 0L);
        }
        long awaiting = 0;
        List<LiveCase> overdue = new ArrayList<>();
        for (LiveCase c : facts.openedCases()) {
            if (!scope.contains(c.regionCode)) {
                continue;
            }
            c.resolvedAt.forEach(at -> count(trend, LocalDate.ofInstant(at, zone), 1));
            if (c.closedAt != null) {
                count(trend, LocalDate.ofInstant(c.closedAt, zone), 2);
            }
            if (c.stage == Stage.HANDLING) {
                byColour.merge(DashboardFacts.colourNow(c, now).name(), 1L, Long::sum);
                if (DashboardFacts.overdue(c, now)) {
                    overdue.add(c);
                }
            } else if (c.stage == Stage.AWAITING_FEEDBACK) {
                awaiting++;
            }
        }
        overdue.sort(Comparator.comparing((LiveCase c) -> c.dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> c.caseId));
        return new DashboardSnapshot(
                now,
                scope.code(),
                today,
                byChannel.values().stream().mapToLong(Long::longValue).sum(),
                byChannel,
                byColour,
                awaiting,
                overdue.size(),
                overdue.stream()
                        .limit(properties.overdueListed())
                        .map(c -> new OverdueCase(
                                c.caseId, c.caseNumber, c.title, c.regionCode, c.departmentName, c.dueAt, c.round))
                        .toList(),
                properties.ratesDays(),
                regions(kpisByRegion, scope),
                trend.entrySet().stream()
                        .map(e -> new TrendDay(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                        .toList(),
                commonIssues,
                commonIssuesSource);
    }

    /** Until the reports' clusters feed them: the service boards with the most cases of the rates' period. */
    List<CommonIssue> busiestBoards(DashboardFacts facts, RegionScope scope, Instant now) {
        Instant from =
                ratesFrom(LocalDate.ofInstant(now, zone)).atStartOfDay(zone).toInstant();
        Map<String, List<LiveCase>> byBoard = new TreeMap<>();
        for (LiveCase c : facts.openedCases()) {
            if (scope.contains(c.regionCode) && c.board != null && !c.receivedAt.isBefore(from)) {
                byBoard.computeIfAbsent(c.board, b -> new ArrayList<>()).add(c);
            }
        }
        return byBoard.entrySet().stream()
                .map(e -> new CommonIssue(
                        e.getKey(),
                        e.getValue().size(),
                        distinct(e.getValue(), c -> c.enterprise),
                        distinct(e.getValue(), c -> c.regionCode)))
                .sorted(Comparator.comparingLong(CommonIssue::cases).reversed().thenComparing(CommonIssue::label))
                .limit(properties.commonIssuesListed())
                .toList();
    }

    private List<RegionRates> regions(List<KpiRow> rows, RegionScope scope) {
        Set<String> shown = new HashSet<>();
        rows.forEach(row -> {
            if (scope.contains(row.key())) {
                shown.add(row.key());
            }
        });
        return rows.stream()
                .filter(row -> shown.contains(row.key()))
                .map(row -> {
                    String parent = RegionScope.parentOf(row.key());
                    return new RegionRates(
                            row.key(),
                            properties.regionNames().getOrDefault(row.key(), row.key()),
                            shown.contains(parent) ? parent : null,
                            row.cases(),
                            row.due(),
                            row.closed(),
                            row.ratings(),
                            row.closureRate(),
                            row.onTimeClosureRate(),
                            row.satisfactionRate());
                })
                .toList();
    }

    private static long distinct(List<LiveCase> cases, Function<LiveCase, String> key) {
        return cases.stream().map(key).filter(Objects::nonNull).distinct().count();
    }

    private static void count(Map<LocalDate, long[]> trend, LocalDate day, int column) {
        long[] counts = trend.get(day);
        if (counts != null) {
            counts[column]++;
        }
    }
}

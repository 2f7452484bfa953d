package qihu.evaluation.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import qihu.evaluation.kpi.CaseFacts;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.report.CommonIssueReport.Cluster;
import qihu.evaluation.report.CommonIssueReport.GroupCount;
import qihu.evaluation.report.CommonIssueReport.Member;
import qihu.evaluation.report.CommonIssueReport.Recurrence;

/**
 * Builds a period's common-issue report from the case read model (every case folded as it stood at {@code asOf}).
 * The cohort is the cases received in the period; clusters are the components of triage's links among them.
 * Plain Java: the same cases and arguments give the same report.
 */
public final class ReportBuilder {

    /** How much a report lists and what makes a common issue. */
    public record Limits(
            int minEnterprises,
            int minRegions,
            int topClusters,
            int maxMembersListed,
            int maxRecurrencesListed,
            int keywords,
            int keywordSample,
            int maxCommonIssuesListed) {}

    private final KpiCalculator calculator;
    private final ZoneId zone;
    private final Limits limits;
    private final Industries industries;

    public ReportBuilder(KpiCalculator calculator, ZoneId zone, Limits limits, Industries industries) {
        this.calculator = calculator;
        this.zone = zone;
        this.limits = limits;
        this.industries = industries;
    }

    public CommonIssueReport build(ReportPeriod period, Map<String, CaseFacts> cases, Instant asOf) {
        Instant from = period.from().atStartOfDay(zone).toInstant();
        Instant to = period.to().plusDays(1).atStartOfDay(zone).toInstant();
        List<CaseFacts> cohort = cases.values().stream()
                .filter(c -> c.opened()
                        && !c.receivedAt().isBefore(from)
                        && c.receivedAt().isBefore(to))
                .toList();
        Comparator<CaseFacts> byReceipt =
                Comparator.comparing(CaseFacts::receivedAt).thenComparing(CaseFacts::caseId);
        List<KpiRow> overall = kpis(cohort, from, to, asOf, Dimension.ALL);

        Keywords keywords = new Keywords();
        // The IDF needs the period's vocabulary, not every case: an even sample keeps a million-case month fast.
        int step = Math.max(1, cohort.size() / Math.max(1, limits.keywordSample()));
        for (int i = 0; i < cohort.size(); i += step) {
            keywords.addDocument(textOf(cohort.get(i)));
        }

        // Only linked cases can be in a cluster of two or more: the rest of a million-case month is left alone.
        Set<String> linkedIds = new HashSet<>();
        for (CaseFacts c : cohort) {
            if (!c.relatedCaseIds().isEmpty()) {
                linkedIds.add(c.caseId());
                linkedIds.addAll(c.relatedCaseIds());
            }
        }
        List<CaseFacts> linked = cohort.stream()
                .filter(c -> linkedIds.contains(c.caseId()))
                .sorted(byReceipt)
                .toList();
        List<List<CaseFacts>> components = Clusters.of(linked, CaseFacts::caseId, CaseFacts::relatedCaseIds).stream()
                .filter(component -> component.size() >= 2)
                .sorted(Comparator.comparing((List<CaseFacts> component) -> -component.size())
                        .thenComparing(component -> component.get(0).receivedAt())
                        .thenComparing(component -> component.get(0).caseId()))
                .toList();
        List<Cluster> top = new ArrayList<>();
        List<Cluster> common = new ArrayList<>();
        int commonCount = 0;
        Map<String, int[]> byBoard = new TreeMap<>();
        Map<String, int[]> byCity = new TreeMap<>();
        Map<String, int[]> byIndustry = new TreeMap<>();
        for (List<CaseFacts> component : components) {
            Cluster cluster = null;
            boolean isCommon = enterprisesOf(component) >= limits.minEnterprises()
                    || regionsOf(component).size() >= limits.minRegions();
            boolean listedAsCommon = isCommon && common.size() < limits.maxCommonIssuesListed();
            if (top.size() < limits.topClusters() || listedAsCommon) {
                cluster = cluster(component, keywords);
            }
            if (top.size() < limits.topClusters()) {
                top.add(cluster);
            }
            if (isCommon) {
                commonCount++;
            }
            if (listedAsCommon) {
                common.add(cluster);
            }
            String board = dominantBoard(component);
            count(byBoard, board, component.size());
            for (String city : citiesOf(component)) {
                count(byCity, city, component.size());
            }
            Map<String, Integer> industryCases = new TreeMap<>();
            component.forEach(c -> industryCases.merge(industryOf(c), 1, Integer::sum));
            industryCases.forEach((industry, members) -> count(byIndustry, industry, members));
        }

        List<CaseFacts> repeats = cohort.stream()
                .filter(c -> c.recurrenceOf() != null)
                .sorted(byReceipt)
                .toList();
        List<Recurrence> recurrences = repeats.stream()
                .limit(limits.maxRecurrencesListed())
                .map(c -> {
                    CaseFacts previous = cases.get(c.recurrenceOf());
                    return new Recurrence(
                            c.caseId(),
                            c.caseNumber(),
                            c.enterpriseName(),
                            c.regionCode(),
                            c.title(),
                            c.receivedAt(),
                            c.recurrenceOf(),
                            previous == null ? null : previous.caseNumber(),
                            previous == null ? null : previous.closedAt());
                })
                .toList();

        return new CommonIssueReport(
                period.reportId(),
                period.kind(),
                period.from(),
                period.to(),
                asOf,
                new CommonIssueReport.Thresholds(limits.minEnterprises(), limits.minRegions()),
                overall.isEmpty() ? emptyRow() : overall.get(0),
                kpis(cohort, from, to, asOf, Dimension.BOARD),
                kpis(cohort, from, to, asOf, Dimension.REGION),
                kpis(cohort, from, to, asOf, Dimension.CHANNEL),
                components.size(),
                top,
                groups(byBoard),
                groups(byCity),
                groups(byIndustry),
                commonCount,
                common,
                repeats.size(),
                recurrences);
    }

    private List<KpiRow> kpis(List<CaseFacts> cohort, Instant from, Instant to, Instant asOf, Dimension by) {
        return calculator.computeFrom(cohort, new KpiCalculator.Query(from, to, asOf, by));
    }

    private Cluster cluster(List<CaseFacts> component, Keywords keywords) {
        List<String> texts = component.stream().map(ReportBuilder::textOf).toList();
        List<String> boards = component.stream()
                .map(CaseFacts::board)
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .toList();
        List<Member> members = component.stream()
                .limit(limits.maxMembersListed())
                .map(c -> new Member(
                        c.caseId(),
                        c.caseNumber(),
                        c.enterpriseName(),
                        industryOf(c),
                        c.regionCode(),
                        c.board(),
                        c.channel(),
                        c.title(),
                        c.receivedAt(),
                        c.closedAt()))
                .toList();
        return new Cluster(
                component.get(0).caseNumber(),
                component.size(),
                enterprisesOf(component),
                keywords.of(texts, limits.keywords()),
                dominantBoard(component),
                boards,
                List.copyOf(regionsOf(component)),
                component.stream().map(this::industryOf).collect(Collectors.toCollection(TreeSet::new)).stream()
                        .toList(),
                members);
    }

    private String industryOf(CaseFacts c) {
        return industries.of(c.enterpriseName());
    }

    private static String textOf(CaseFacts c) {
        return (c.title() == null ? "" : c.title()) + "\n" + (c.content() == null ? "" : c.content());
    }

    private static int enterprisesOf(List<CaseFacts> component) {
        return (int) component.stream()
                .map(CaseFacts::enterpriseKey)
                .filter(Objects::nonNull)
                .distinct()
                .count();
    }

    /** The counties (first six digits of the region code) a cluster's cases come from. */
    private static TreeSet<String> regionsOf(List<CaseFacts> component) {
        return component.stream()
                .map(CaseFacts::regionCode)
                .filter(code -> code != null && code.length() >= 6)
                .map(code -> code.substring(0, 6))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static LinkedHashSet<String> citiesOf(List<CaseFacts> component) {
        return component.stream()
                .map(CaseFacts::regionCode)
                .filter(code -> code != null && code.length() >= 4)
                .map(code -> code.substring(0, 4) + "00")
                .sorted()
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String dominantBoard(List<CaseFacts> component) {
        Map<String, Integer> counts = new HashMap<>();
        for (CaseFacts c : component) {
            counts.merge(c.board() == null ? "UNCLASSIFIED" : c.board(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse("UNCLASSIFIED");
    }

    private static void count(Map<String, int[]> groups, String key, int cases) {
        int[] tally = groups.computeIfAbsent(key, k -> new int[2]);
        tally[0]++;
        tally[1] += cases;
    }

    private static List<GroupCount> groups(Map<String, int[]> groups) {
        return groups.entrySet().stream()
                .map(e -> new GroupCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparing((GroupCount g) -> -g.cases()).thenComparing(GroupCount::key))
                .toList();
    }

    private static KpiRow emptyRow() {
        return new KpiRow("all", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null);
    }
}

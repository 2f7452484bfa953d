package qihu.evaluation.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.dashboard.DashboardSnapshot.RegionRates;
import qihu.evaluation.dashboard.DashboardSnapshot.TrendDay;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.events.CaseClosed;
import qihu.events.CaseEvent;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.CloseReason;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.FeedbackRecorded;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.SlaColour;
import qihu.events.SlaWarningRaised;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;

/**
 * The dashboard's figures from a handful of cases in Yiwu (330782), one of its townships and its sibling Dongyang
 * (330783), on Tuesday 24 November 2026 at noon in Shanghai, counted by hand.
 */
class DashboardTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private static final DashboardProperties PROPERTIES = new DashboardProperties(
            Duration.ofMillis(300),
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            30,
            30,
            20,
            10,
            Map.of("330700", "金华市", "330782", "义乌市"));

    private final List<EventEnvelope<?>> events = new ArrayList<>();

    DashboardTest() {
        // A: Yiwu, today by the hotline, on time.
        opened("A", "330782", "hotline-12345", "2026-11-24T01:00:00Z", "POLICY", "91330782MA2D7QF513");
        assigned("A", "330782", "2026-11-24T01:00:05Z", "2026-11-27T15:59:59Z");
        // B: a Yiwu township, a week ago; warned, then overdue.
        opened("B", "330782001", "zheliban", "2026-11-18T02:00:00Z", "POLICY", "91330782MA2D7QF513");
        assigned("B", "330782001", "2026-11-18T02:00:05Z", "2026-11-23T15:59:59Z");
        colour("B", SlaColour.YELLOW, "2026-11-22T02:00:00Z");
        colour("B", SlaColour.RED, "2026-11-23T16:00:00Z");
        // C: Dongyang, today, and the same problem again through the hotline, merged.
        opened("C", "330783", "zheliban", "2026-11-24T02:00:00Z", "FINANCE", "91330783MA2E8RG624");
        assigned("C", "330783", "2026-11-24T02:00:05Z", "2026-11-27T15:59:59Z");
        event("C", "2026-11-24T03:00:00Z", new RequestMerged("C", "QH-C", "req-C2", "hotline-12345", 0.97, "near"));
        // D: Yiwu, answered, rated satisfied and closed.
        opened("D", "330782", "hotline-12345", "2026-11-20T01:00:00Z", "POLICY", "91330782MA2D7QF514");
        assigned("D", "330782", "2026-11-20T01:00:05Z", "2026-11-25T15:59:59Z");
        event(
                "D",
                "2026-11-21T03:00:00Z",
                new TaskResolved(
                        "D",
                        "D-r1",
                        1,
                        "330782-esc",
                        "li",
                        "已办",
                        Instant.parse("2026-11-21T03:00:00Z"),
                        Instant.parse("2026-11-25T15:59:59Z"),
                        true));
        event("D", "2026-11-22T01:00:00Z", new FeedbackRecorded("D", 1, Rating.SATISFIED, "好", "hotline-12345"));
        event(
                "D",
                "2026-11-22T01:00:01Z",
                new CaseClosed("D", 1, CloseReason.RATED, Rating.SATISFIED, Instant.parse("2026-11-22T01:00:01Z")));
        // E: Yiwu, warned; its deadline is tonight.
        opened("E", "330782", "minqing", "2026-11-19T01:00:00Z", "DATA", "91330782MA2D7QF515");
        assigned("E", "330782", "2026-11-19T01:00:05Z", "2026-11-24T15:59:59Z");
        colour("E", SlaColour.YELLOW, "2026-11-23T09:00:00Z");
        events.sort(java.util.Comparator.comparing(EventEnvelope::occurredAt));
    }

    @Test
    void aCountySupervisorSeesTheCountyAndItsTownshipsButNotTheSiblingCounty() {
        DashboardSnapshot yiwu = snapshot(new RegionScope("330782"));

        assertThat(yiwu.today()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(yiwu.intakeToday()).isEqualTo(1);
        assertThat(yiwu.intakeTodayByChannel()).isEqualTo(Map.of("hotline-12345", 1L));
        assertThat(yiwu.openByColour()).isEqualTo(Map.of("GREEN", 1L, "YELLOW", 1L, "RED", 1L));
        assertThat(yiwu.awaitingFeedback()).isZero();
        assertThat(yiwu.overdueTotal()).isEqualTo(1);
        assertThat(yiwu.overdue())
                .extracting(DashboardSnapshot.OverdueCase::caseId)
                .containsExactly("B");
        assertThat(yiwu.regions())
                .extracting(RegionRates::code, RegionRates::parent, RegionRates::name)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("330782", null, "义乌市"),
                        org.assertj.core.groups.Tuple.tuple("330782001", "330782", "330782001"));
    }

    @Test
    void aCityLeaderSeesEveryCountyWithMergedRequestsCountedAsIntake() {
        DashboardSnapshot jinhua = snapshot(new RegionScope("330700"));

        assertThat(jinhua.intakeToday()).isEqualTo(3);
        assertThat(jinhua.intakeTodayByChannel()).isEqualTo(Map.of("hotline-12345", 2L, "zheliban", 1L));
        assertThat(jinhua.openByColour()).isEqualTo(Map.of("GREEN", 2L, "YELLOW", 1L, "RED", 1L));
        RegionRates city = jinhua.regions().stream()
                .filter(r -> r.code().equals("330700"))
                .findFirst()
                .orElseThrow();
        // Received in the last 30 days: A to E. Due by now: B (23rd) only, not closed; D closed before its due date.
        assertThat(city.cases()).isEqualTo(5);
        assertThat(city.parent()).isNull();
        assertThat(city.satisfactionRate()).isEqualTo(1.0);
        assertThat(jinhua.regions()).extracting(RegionRates::parent).contains("330700");
    }

    @Test
    void theTrendCountsEachDayAndTheBoardsStandInForCommonIssues() {
        DashboardSnapshot jinhua = snapshot(new RegionScope("330700"));

        assertThat(jinhua.trend()).hasSize(30);
        assertThat(jinhua.trend().get(29)).isEqualTo(new TrendDay(LocalDate.of(2026, 11, 24), 3, 0, 0));
        assertThat(jinhua.trend())
                .contains(
                        new TrendDay(LocalDate.of(2026, 11, 21), 0, 1, 0),
                        new TrendDay(LocalDate.of(2026, 11, 22), 0, 0, 1));
        assertThat(jinhua.commonIssuesSource()).isEqualTo(Dashboard.BOARDS);
        assertThat(jinhua.commonIssues().get(0)).isEqualTo(new CommonIssue("POLICY", 3, 2L, 2L));
    }

    @Test
    void aCaseStillGreenAfterItsDeadlineCountsAsOverdue() {
        Instant tomorrow = Instant.parse("2026-11-25T02:00:00Z");
        DashboardSnapshot yiwu = dashboard()
                .snapshot(fold(), kpis(tomorrow), new RegionScope("330782"), tomorrow, List.of(), Dashboard.BOARDS);

        assertThat(yiwu.overdue())
                .extracting(DashboardSnapshot.OverdueCase::caseId)
                .containsExactly("B", "E");
        assertThat(yiwu.openByColour().get("RED")).isEqualTo(2);
    }

    @Test
    void regionScopesFollowTheCodeTree() {
        assertThat(new RegionScope("330000").contains("330782001")).isTrue();
        assertThat(new RegionScope("330700").contains("330782")).isTrue();
        assertThat(new RegionScope("330782").contains("330782001")).isTrue();
        assertThat(new RegionScope("330782").contains("330783")).isFalse();
        assertThat(new RegionScope("330782001").contains("330782")).isFalse();
        assertThat(RegionScope.EVERYWHERE.contains("110000")).isTrue();
        assertThat(RegionScope.parentOf("330782001")).isEqualTo("330782");
        assertThat(RegionScope.parentOf("330782")).isEqualTo("330700");
        assertThat(RegionScope.parentOf("330700")).isEqualTo("330000");
        assertThat(RegionScope.parentOf("330000")).isNull();
    }

    private DashboardSnapshot snapshot(RegionScope scope) {
        Dashboard dashboard = dashboard();
        DashboardFacts facts = fold();
        return dashboard.snapshot(
                facts, kpis(NOW), scope, NOW, dashboard.busiestBoards(facts, scope, NOW), Dashboard.BOARDS);
    }

    private static Dashboard dashboard() {
        return new Dashboard(SHANGHAI, PROPERTIES);
    }

    private DashboardFacts fold() {
        return DashboardFacts.fold(events);
    }

    private List<qihu.evaluation.kpi.KpiRow> kpis(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, SHANGHAI);
        return new KpiCalculator(WorkingDayCalendar.bundled(), SHANGHAI)
                .compute(
                        events,
                        new KpiCalculator.Query(
                                dashboard()
                                        .ratesFrom(today)
                                        .atStartOfDay(SHANGHAI)
                                        .toInstant(),
                                today.plusDays(1).atStartOfDay(SHANGHAI).toInstant(),
                                now,
                                Dimension.REGION));
    }

    private void opened(String id, String region, String channel, String at, String board, String uscc) {
        event(
                id,
                at,
                new CaseOpened(
                        id,
                        "QH-" + id,
                        "req-" + id,
                        channel,
                        new Enterprise(uscc, "企业" + id),
                        region,
                        "问题" + id,
                        "内容" + id,
                        new Classification(board, Complexity.GENERAL, OwnerLevel.COUNTY, 0.9),
                        Instant.parse(at)));
    }

    private void assigned(String id, String region, String at, String due) {
        event(
                id,
                at,
                new TaskAssigned(
                        id,
                        id + "-r1",
                        1,
                        region + "-esc",
                        "服务中心" + id,
                        region,
                        OwnerLevel.COUNTY,
                        3,
                        Instant.parse(due)));
    }

    private void colour(String id, SlaColour colour, String at) {
        event(id, at, new SlaWarningRaised(id, id + "-r1", 1, colour, null));
    }

    private void event(String id, String at, CaseEvent payload) {
        events.add(EventEnvelope.of(UUID.randomUUID().toString(), Instant.parse(at), "req-" + id, payload));
    }
}

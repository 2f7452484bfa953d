package qihu.evaluation.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;
import qihu.events.CaseClosed;
import qihu.events.CaseEvent;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.Classification;
import qihu.events.CloseReason;
import qihu.events.Complexity;
import qihu.events.EventEnvelope;
import qihu.events.EventMother;
import qihu.events.FeedbackRecorded;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;

/**
 * A scripted month of five cases whose every figure was worked out by hand (see the comments), computed at the end
 * of the story and again as it stood half-way: the same log gives the past as it was.
 */
class KpiCalculatorTest {

    private final KpiCalculator calculator =
            new KpiCalculator(WorkingDayCalendar.bundled(), DeadlineCalculator.SHANGHAI);
    private final List<EventEnvelope<?>> log = new ArrayList<>();

    private static final Instant NOVEMBER = at("2026-11-01T00:00");
    private static final Instant DECEMBER = at("2026-12-01T00:00");

    KpiCalculatorTest() {
        // A: Yiwu county, hotline, answered on time at county level, rated satisfied, closed Wed 4th; one duplicate
        // merged from 浙里办. Working days to close: Tue 3rd, Wed 4th = 2.
        opened("A", "330782", "hotline-12345", "APPEAL", "2026-11-02T10:00");
        merged("A", "zheliban", "2026-11-02T11:00");
        assigned("A", 1, OwnerLevel.COUNTY, "330782-esc", "2026-11-05T23:59:59", "2026-11-02T10:01");
        resolved("A", 1, "330782-esc", true, "2026-11-04T09:00");
        rated("A", 1, Rating.SATISFIED, "2026-11-04T15:00");
        closed("A", 1, CloseReason.RATED, "2026-11-04T15:00");
        // B: a Yiwu street, 浙里办: late at township level, rated unsatisfied, reopened to the county, answered on
        // time, rated basically satisfied, closed Thu 19th. Working days: 11, 12, 13, 16, 17, 18, 19 = 7.
        opened("B", "330782001", "zheliban", "APPEAL", "2026-11-10T09:00");
        assigned("B", 1, OwnerLevel.TOWNSHIP, "330782001-svc", "2026-11-13T23:59:59", "2026-11-10T09:01");
        resolved("B", 1, "330782001-svc", false, "2026-11-16T10:00");
        rated("B", 1, Rating.UNSATISFIED, "2026-11-17T10:00");
        reopened("B", 2, "2026-11-17T10:00");
        assigned("B", 2, OwnerLevel.COUNTY, "330782-esc", "2026-11-20T23:59:59", "2026-11-17T10:01");
        resolved("B", 2, "330782-esc", true, "2026-11-19T10:00");
        rated("B", 2, Rating.BASICALLY_SATISFIED, "2026-11-19T16:00");
        closed("B", 2, CloseReason.RATED, "2026-11-19T16:00");
        // C: Wucheng, 企业码, a project answered on time at city level, never rated: default satisfied Wed 2 Dec.
        // Working days: 23, 24, 25, 26, 27, 30 Nov, 1, 2 Dec = 8.
        opened("C", "330702", "qiyema", "PROJECT", "2026-11-20T10:00");
        assigned("C", 1, OwnerLevel.CITY, "jh-drc", "2026-11-25T23:59:59", "2026-11-20T10:01");
        resolved("C", 1, "jh-drc", true, "2026-11-24T10:00");
        closed("C", 1, CloseReason.DEFAULT_SATISFIED, "2026-12-02T00:00");
        // D: Jindong, hotline, due Wed 2 Dec and never answered.
        opened("D", "330703", "hotline-12345", "APPEAL", "2026-11-27T10:00");
        assigned("D", 1, OwnerLevel.COUNTY, "330703-esc", "2026-12-02T23:59:59", "2026-11-27T10:01");
        // F: Yiwu, 民呼我为, received on the last day of November, not routed yet.
        opened("F", "330782", "minhuwowei", "APPEAL", "2026-11-30T18:00");
        // E: received in December, outside the month.
        opened("E", "330782", "hotline-12345", "APPEAL", "2026-12-01T09:00");
        assigned("E", 1, OwnerLevel.COUNTY, "330782-esc", "2026-12-04T23:59:59", "2026-12-01T09:01");
    }

    @Test
    void theMonthAsItStoodOnTheTenthOfDecember() {
        KpiRow all = single(compute(at("2026-12-10T00:00"), Dimension.ALL));

        // Cases A B C D F; A's duplicate counts as received but not in the rates.
        assertThat(all.cases()).isEqualTo(5);
        assertThat(all.received()).isEqualTo(6);
        assertThat(all.mergedDuplicates()).isEqualTo(1);
        // Due: A B C D (F has no deadline yet). Closed: A B C. On time in every round: A C.
        assertThat(all.due()).isEqualTo(4);
        assertThat(all.closed()).isEqualTo(3);
        assertThat(all.closedOnTime()).isEqualTo(2);
        assertThat(all.closureRate()).isEqualTo(0.75);
        assertThat(all.onTimeClosureRate()).isEqualTo(0.5);
        // Ratings: A satisfied, B unsatisfied then basically satisfied; C's default close is not a rating.
        assertThat(all.ratings()).isEqualTo(3);
        assertThat(all.satisfiedRatings()).isEqualTo(2);
        assertThat(all.satisfactionRate()).isEqualTo(0.6667);
        assertThat(all.closedByDefault()).isEqualTo(1);
        // Answered: A B C; reopened: B; answered last at township or county: A (county), B (county).
        assertThat(all.resolved()).isEqualTo(3);
        assertThat(all.reopenRate()).isEqualTo(0.3333);
        assertThat(all.localResolutionRate()).isEqualTo(0.6667);
        // (2 + 7 + 8) / 3 working days.
        assertThat(all.averageWorkingDaysToClose()).isEqualTo(5.6667);
    }

    @Test
    void theSameLogGivesTheMonthAsItStoodOnTheEighteenth() {
        KpiRow all = single(compute(at("2026-11-18T00:00"), Dimension.ALL));

        // Only A and B exist yet; both are due; A is closed, B is in its second round.
        assertThat(all.cases()).isEqualTo(2);
        assertThat(all.due()).isEqualTo(2);
        assertThat(all.closureRate()).isEqualTo(0.5);
        assertThat(all.satisfactionRate()).isEqualTo(0.5);
        // B's first answer (township) still counts as answered; its reopen counts.
        assertThat(all.reopenRate()).isEqualTo(0.5);
        assertThat(all.localResolutionRate()).isEqualTo(1.0);
        assertThat(all.averageWorkingDaysToClose()).isEqualTo(2.0);
    }

    @Test
    void regionsRollUpTheTreeAndOtherDimensionsSplitTheCases() {
        Instant end = at("2026-12-10T00:00");

        Map<String, KpiRow> regions = byKey(compute(end, Dimension.REGION));
        assertThat(regions.keySet()).containsExactlyInAnyOrder("330700", "330702", "330703", "330782", "330782001");
        assertThat(regions.get("330700").cases()).isEqualTo(5);
        assertThat(regions.get("330782").cases()).isEqualTo(3); // A, B (via its street), F
        assertThat(regions.get("330782").closureRate()).isEqualTo(1.0); // A and B due and closed
        assertThat(regions.get("330782001").cases()).isEqualTo(1);

        Map<String, KpiRow> channels = byKey(compute(end, Dimension.CHANNEL));
        assertThat(channels.get("hotline-12345").cases()).isEqualTo(2); // A, D
        assertThat(channels.get("hotline-12345").closureRate()).isEqualTo(0.5);

        Map<String, KpiRow> levels = byKey(compute(end, Dimension.LEVEL));
        assertThat(levels.get("COUNTY").cases()).isEqualTo(3); // A, B (second round), D
        assertThat(levels.get("CITY").localResolutionRate()).isEqualTo(0.0);

        Map<String, KpiRow> boards = byKey(compute(end, Dimension.BOARD));
        assertThat(boards.get("PROJECT").cases()).isEqualTo(1);
        assertThat(boards.get("APPEAL").cases()).isEqualTo(4);
    }

    @Test
    void theOrderOfRedeliveredCopiesDoesNotMatterOnlyTheirTimes() {
        List<EventEnvelope<?>> shuffled = new ArrayList<>(log);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));

        assertThat(calculator.compute(shuffled, query(at("2026-12-10T00:00"), Dimension.ALL)))
                .isEqualTo(compute(at("2026-12-10T00:00"), Dimension.ALL));
    }

    private List<KpiRow> compute(Instant asOf, Dimension by) {
        return calculator.compute(log, query(asOf, by));
    }

    private static KpiCalculator.Query query(Instant asOf, Dimension by) {
        return new KpiCalculator.Query(NOVEMBER, DECEMBER, asOf, by);
    }

    private static KpiRow single(List<KpiRow> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static Map<String, KpiRow> byKey(List<KpiRow> rows) {
        return rows.stream().collect(Collectors.toMap(KpiRow::key, Function.identity()));
    }

    private void opened(String id, String region, String channel, String board, String time) {
        CaseOpened sample = EventMother.caseOpened();
        add(
                time,
                new CaseOpened(
                        id,
                        "QH-" + id,
                        "req-" + id,
                        channel,
                        sample.enterprise(),
                        region,
                        sample.title(),
                        sample.content(),
                        new Classification(board, Complexity.GENERAL, OwnerLevel.COUNTY, 0.9),
                        at(time)));
    }

    private void merged(String id, String channel, String time) {
        add(time, new RequestMerged(id, "QH-" + id, "req-" + id + "-dup", channel, 1.0, "exact duplicate"));
    }

    private void assigned(String id, int round, OwnerLevel level, String department, String due, String time) {
        add(time, new TaskAssigned(id, id + "-r" + round, round, department, department, "330782", level, 3, at(due)));
    }

    private void resolved(String id, int round, String department, boolean onTime, String time) {
        add(time, new TaskResolved(id, id + "-r" + round, round, department, "handler", "答复", at(time), null, onTime));
    }

    private void rated(String id, int round, Rating rating, String time) {
        add(time, new FeedbackRecorded(id, round, rating, null, null));
    }

    private void reopened(String id, int round, String time) {
        add(time, new CaseReopened(id, round, "不满意", false));
    }

    private void closed(String id, int round, CloseReason reason, String time) {
        add(time, new CaseClosed(id, round, reason, null, at(time)));
    }

    private void add(String time, CaseEvent payload) {
        log.add(EventEnvelope.of(
                payload.getClass().getSimpleName() + "-" + payload.caseId() + "-" + log.size(),
                at(time),
                "req-" + payload.caseId(),
                payload));
    }

    private static Instant at(String localShanghai) {
        return OffsetDateTime.parse(localShanghai + (localShanghai.length() == 16 ? ":00" : "") + "+08:00")
                .toInstant();
    }
}

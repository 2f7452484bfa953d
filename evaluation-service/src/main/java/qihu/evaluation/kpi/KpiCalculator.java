package qihu.evaluation.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import qihu.calendar.WorkingDayCalendar;
import qihu.events.CaseEvent;
import qihu.events.EventEnvelope;

/**
 * The KPIs as a pure function of the event log: the cohort is the cases received in {@code [from, to)}, everything is
 * judged as it stood at {@code asOf}. Computing from the log (not from mutable state) is what makes any past date
 * reproducible: the same log and the same arguments give the same figures.
 */
public final class KpiCalculator {

    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final BiFunction<Instant, Instant, Long> daysToClose = this::workingDaysBetween;

    public KpiCalculator(WorkingDayCalendar calendar, ZoneId zone) {
        this.calendar = calendar;
        this.zone = zone;
    }

    /** {@code within}: only the cases of that region and the regions below it; null for all. */
    public record Query(Instant from, Instant to, Instant asOf, Dimension by, String within) {

        public Query(Instant from, Instant to, Instant asOf, Dimension by) {
            this(from, to, asOf, by, null);
        }

        boolean covers(CaseFacts c) {
            return c.opened()
                    && !c.receivedAt.isBefore(from)
                    && c.receivedAt.isBefore(to)
                    && (within == null || c.regions().contains(within));
        }
    }

    /** {@code events} in the order they happened; events after {@code asOf} are ignored. */
    public List<KpiRow> compute(Collection<EventEnvelope<?>> events, Query query) {
        return computeFrom(fold(events, query.asOf()).values(), query);
    }

    /**
     * Every case as it stood at {@code asOf}, folded from {@code events} in the order they happened: the read model
     * the KPIs and the common-issue reports are computed from.
     */
    public static Map<String, CaseFacts> fold(Iterable<EventEnvelope<?>> events, Instant asOf) {
        Map<String, CaseFacts> cases = new TreeMap<>();
        for (EventEnvelope<?> event : events) {
            if (!event.occurredAt().isAfter(asOf) && event.payload() instanceof CaseEvent e) {
                cases.computeIfAbsent(e.caseId(), CaseFacts::new).apply(event);
            }
        }
        return cases;
    }

    /** The figures of the cases (folded as they stood at {@code query.asOf()}) received in the query's period. */
    public List<KpiRow> computeFrom(Collection<CaseFacts> cases, Query query) {
        Map<String, Tally> tallies = new TreeMap<>();
        for (CaseFacts c : cases) {
            if (query.covers(c)) {
                for (String key : query.by().keysOf(c)) {
                    tallies.computeIfAbsent(key, k -> new Tally()).add(c, query.asOf());
                }
            }
        }
        return tallies.entrySet().stream()
                .map(e -> e.getValue().row(e.getKey()))
                .toList();
    }

    private final class Tally {
        long received,
                merged,
                cases,
                due,
                closed,
                closedOnTime,
                ratings,
                satisfied,
                resolved,
                reopened,
                local,
                byDefault;
        /** Every closed case of the cohort, due or not, for the average time to close. */
        long closedAny;

        long workingDaysToClose;

        void add(CaseFacts c, Instant asOf) {
            CaseFacts.Derived d = c.derived(daysToClose);
            cases++;
            merged += d.merged;
            received += 1 + d.merged;
            ratings += d.ratings;
            satisfied += d.satisfied;
            if (d.resolved) {
                resolved++;
                if (d.local) {
                    local++;
                }
                if (d.reopened) {
                    reopened++;
                }
            }
            if (d.firstDue != null && !d.firstDue.isAfter(asOf)) {
                due++;
                if (d.closed) {
                    closed++;
                    if (d.everyRoundOnTime) {
                        closedOnTime++;
                    }
                }
            }
            if (d.closed) {
                closedAny++;
                if (d.closedByDefault) {
                    byDefault++;
                }
                workingDaysToClose += d.workingDaysToClose;
            }
        }

        KpiRow row(String key) {
            return KpiCalculator.row(
                    key,
                    received,
                    merged,
                    cases,
                    due,
                    closed,
                    closedOnTime,
                    ratings,
                    satisfied,
                    resolved,
                    reopened,
                    local,
                    byDefault,
                    closedAny,
                    workingDaysToClose);
        }
    }

    /** The figures of one group from its counts: rates and the average as the KPIs define them. */
    static KpiRow row(
            String key,
            long received,
            long merged,
            long cases,
            long due,
            long closed,
            long closedOnTime,
            long ratings,
            long satisfied,
            long resolved,
            long reopened,
            long local,
            long byDefault,
            long closedAny,
            long workingDaysToClose) {
        return new KpiRow(
                key,
                received,
                merged,
                cases,
                due,
                closed,
                closedOnTime,
                ratings,
                satisfied,
                resolved,
                reopened,
                local,
                byDefault,
                rate(closed, due),
                rate(closedOnTime, due),
                rate(satisfied, ratings),
                rate(reopened, resolved),
                rate(local, resolved),
                closedAny == 0 ? null : round((double) workingDaysToClose / closedAny));
    }

    /** The case's query-independent figures, for read models that keep them (e.g. {@link KpiColumns}). */
    CaseFacts.Derived derive(CaseFacts c) {
        return c.derived(daysToClose);
    }

    /** Working days after the day of receipt up to and including the day of closing: 0 when closed the same day. */
    private long workingDaysBetween(Instant received, Instant closedAt) {
        LocalDate start = LocalDate.ofInstant(received, zone).plusDays(1);
        LocalDate end = LocalDate.ofInstant(closedAt, zone);
        return end.isBefore(start) ? 0 : calendar.workingDaysBetween(start, end);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

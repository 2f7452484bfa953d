package qihu.evaluation.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The days a report covers (both inclusive) and its kind. The key, and so the report id, follows from them alone:
 * whoever generates the report of a period, and however often, it is one report with one id.
 */
public record ReportPeriod(ReportKind kind, LocalDate from, LocalDate to) {

    public ReportPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period ends on or after its start: " + from + " … " + to);
        }
    }

    /** The week (Monday to Sunday) before the one {@code today} is in. */
    public static ReportPeriod lastWeek(LocalDate today) {
        LocalDate monday =
                today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        return new ReportPeriod(ReportKind.WEEKLY, monday, monday.plusDays(6));
    }

    /** The calendar month before the one {@code today} is in. */
    public static ReportPeriod lastMonth(LocalDate today) {
        LocalDate first = today.withDayOfMonth(1).minusMonths(1);
        return new ReportPeriod(ReportKind.MONTHLY, first, first.with(TemporalAdjusters.lastDayOfMonth()));
    }

    /** {@code weekly-2026-W47}, {@code monthly-2026-11}, {@code custom-20261101-20261115}: no dots, safe in paths. */
    public String key() {
        switch (kind) {
            case WEEKLY:
                return "weekly-" + from.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                        + String.format("%02d", from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY:
                return "monthly-" + from.getYear() + "-" + String.format("%02d", from.getMonthValue());
            default:
                return "custom-" + from.toString().replace("-", "") + "-"
                        + to.toString().replace("-", "");
        }
    }

    public String reportId() {
        return "report-" + key();
    }

    /** Whether a weekly period runs Monday to Sunday and a monthly one over one whole month. */
    public boolean wellFormed() {
        switch (kind) {
            case WEEKLY:
                return from.getDayOfWeek() == DayOfWeek.MONDAY && to.equals(from.plusDays(6));
            case MONTHLY:
                return from.getDayOfMonth() == 1 && to.equals(from.with(TemporalAdjusters.lastDayOfMonth()));
            default:
                return true;
        }
    }
}

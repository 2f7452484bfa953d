package qihu.dispatch.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;
import qihu.calendar.DeadlineCalculator;

/**
 * When a task's deadline colour changes (办理时限预警): green until the warning point, yellow until the deadline, red
 * after it with an escalation (督办) at the deadline and again every {@code escalateEvery} working days.
 *
 * <p>All points are ends of working days (23:59:59 in the service's zone), counted like the deadline itself: the day
 * of receipt is day 0. The warning point is the end of the first working day at which the used share of the budget
 * reaches {@code warnShare}, or at which no more than {@code warnDaysLeft} working days remain, whichever is first.
 */
public final class SlaSchedule {

    private final Supplier<DeadlineCalculator> calendar;
    private final double warnShare;
    private final int warnDaysLeft;
    private final int escalateEvery;

    /** @param calendar the calendar in force, which can change at run time when a new year is loaded */
    public SlaSchedule(Supplier<DeadlineCalculator> calendar, double warnShare, int warnDaysLeft, int escalateEvery) {
        if (warnShare <= 0 || warnShare > 1) {
            throw new IllegalArgumentException("warning share must be in (0, 1], got " + warnShare);
        }
        if (warnDaysLeft < 0 || escalateEvery < 1) {
            throw new IllegalArgumentException("warning days left must be ≥ 0 and escalation interval ≥ 1");
        }
        this.calendar = calendar;
        this.warnShare = warnShare;
        this.warnDaysLeft = warnDaysLeft;
        this.escalateEvery = escalateEvery;
    }

    public Instant warnAt(Instant started, int workingDays) {
        int byShare = (int) Math.ceil(warnShare * workingDays - 1e-9);
        int byDaysLeft = Math.max(0, workingDays - warnDaysLeft);
        return endOfWorkingDay(started, Math.min(byShare, byDaysLeft));
    }

    public Instant dueAt(Instant started, int workingDays) {
        return endOfWorkingDay(started, workingDays);
    }

    /** The {@code breach}-th escalation point: the deadline for the first, then every interval further. */
    public Instant breachAt(Instant started, int workingDays, int breach) {
        return endOfWorkingDay(started, workingDays + (breach - 1) * escalateEvery);
    }

    /** End of the n-th working day after the receipt date; n = 0 is the end of the receipt date itself. */
    private Instant endOfWorkingDay(Instant started, int n) {
        DeadlineCalculator deadlines = calendar.get();
        if (n == 0) {
            LocalDate receipt = deadlines.receiptDate(started);
            return receipt.atTime(DeadlineCalculator.END_OF_DAY)
                    .atZone(deadlines.zone())
                    .toInstant();
        }
        return deadlines.deadlineInstant(started, n);
    }
}

package qihu.dispatch.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;
import qihu.calendar.DeadlineCalculator;
import qihu.events.SlaColour;

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
        return warnAt(started, SlaBudget.of(workingDays));
    }

    public Instant dueAt(Instant started, int workingDays) {
        return dueAt(started, SlaBudget.of(workingDays));
    }

    /** The {@code breach}-th escalation point: the deadline for the first, then every interval further. */
    public Instant breachAt(Instant started, int workingDays, int breach) {
        return breachAt(started, SlaBudget.of(workingDays), breach);
    }

    /** The warning point of the granted days (given and extended), shifted by the days the clock was paused. */
    public Instant warnAt(Instant started, SlaBudget budget) {
        int granted = budget.granted();
        int byShare = (int) Math.ceil(warnShare * granted - 1e-9);
        int byDaysLeft = Math.max(0, granted - warnDaysLeft);
        return endOfWorkingDay(started, Math.min(byShare, byDaysLeft) + budget.pausedDays());
    }

    public Instant dueAt(Instant started, SlaBudget budget) {
        return endOfWorkingDay(started, budget.deadlineDay());
    }

    /** The {@code breach}-th escalation point since the deadline last moved. */
    public Instant breachAt(Instant started, SlaBudget budget, int breach) {
        return endOfWorkingDay(started, budget.deadlineDay() + (breach - 1) * escalateEvery);
    }

    /**
     * The colour a task has at {@code now} and its next timer point, for a deadline that just moved (a pause ended, an
     * extension was approved): green before the warning point, yellow before the deadline, red after it (with no
     * escalation yet since the move).
     */
    public SlaPosition positionAt(Instant started, SlaBudget budget, Instant now) {
        Instant warnAt = warnAt(started, budget);
        if (now.isBefore(warnAt)) {
            return new SlaPosition(SlaColour.GREEN, warnAt);
        }
        Instant dueAt = dueAt(started, budget);
        return new SlaPosition(now.isBefore(dueAt) ? SlaColour.YELLOW : SlaColour.RED, dueAt);
    }

    /**
     * The working days a pause of the clock (暂停计时) takes: the working days after the day of pausing, up to and
     * including the day of resuming. The day of pausing was worked on, and the day of resuming counts like a day of
     * receipt (not counted), so a task resumed on day R has exactly the working days it had left at the end of the
     * day it was paused, counted from R. Paused and resumed on the same day: 0.
     */
    public int pausedWorkingDays(Instant pausedAt, Instant resumedAt) {
        DeadlineCalculator deadlines = calendar.get();
        LocalDate paused = deadlines.receiptDate(pausedAt);
        LocalDate resumed = deadlines.receiptDate(resumedAt);
        if (!resumed.isAfter(paused)) {
            return 0;
        }
        return deadlines.calendar().workingDaysBetween(paused.plusDays(1), resumed);
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

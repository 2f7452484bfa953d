package qihu.dispatch.sla;

/**
 * A task's working-day budget as it stands: the days it was given, the days supervisors added (延期), and the working
 * days its clock was stopped while waiting for the enterprise's material (暂停计时).
 *
 * <p>Extensions enlarge the budget, so the warning point is recomputed from the larger budget; a pause enlarges
 * nothing, it shifts every point by the days it took.
 */
public record SlaBudget(int workingDays, int extensionDays, int pausedDays) {

    public SlaBudget {
        if (workingDays < 1 || extensionDays < 0 || pausedDays < 0) {
            throw new IllegalArgumentException("a budget needs ≥ 1 working day and no negative extension or pause, got "
                    + workingDays + "/" + extensionDays + "/" + pausedDays);
        }
    }

    public static SlaBudget of(int workingDays) {
        return new SlaBudget(workingDays, 0, 0);
    }

    /** The working days the handler has: the given ones and the approved extensions. */
    public int granted() {
        return workingDays + extensionDays;
    }

    /** The deadline's working day, counted from the day of receipt as day 0. */
    public int deadlineDay() {
        return granted() + pausedDays;
    }

    public SlaBudget extendedBy(int days) {
        return new SlaBudget(workingDays, extensionDays + days, pausedDays);
    }

    public SlaBudget pausedFor(int days) {
        return new SlaBudget(workingDays, extensionDays, pausedDays + days);
    }
}

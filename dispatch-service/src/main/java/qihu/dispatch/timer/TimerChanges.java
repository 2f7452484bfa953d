package qihu.dispatch.timer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timers a task transition arms and cancels. Arming happens before the task's update (a timer must never be
 * missing for a stored point; a timer without its point is dropped on reading), cancelling after it succeeded.
 */
public final class TimerChanges {

    /** Which timers of a task: its SLA point ({@code slaNextAt}) or its claim timeout ({@code claimDueAt}). */
    public enum Kind {
        SLA,
        CLAIM
    }

    record Change(Kind kind, String taskId, Instant at) {}

    final List<Change> arms = new ArrayList<>();
    final List<Change> cancels = new ArrayList<>();

    public TimerChanges arm(Kind kind, String taskId, Instant at) {
        if (at != null) {
            arms.add(new Change(kind, taskId, at));
        }
        return this;
    }

    public TimerChanges cancel(Kind kind, String taskId, Instant at) {
        if (at != null) {
            cancels.add(new Change(kind, taskId, at));
        }
        return this;
    }

    /** The timer of {@code kind} moves from {@code before} to {@code after} (either may be null). */
    public TimerChanges move(Kind kind, String taskId, Instant before, Instant after) {
        if (before != null && before.equals(after)) {
            return this;
        }
        return arm(kind, taskId, after).cancel(kind, taskId, before);
    }
}

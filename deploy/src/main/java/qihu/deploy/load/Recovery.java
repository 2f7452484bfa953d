package qihu.deploy.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How long the stack took, after each disturbance ended, to be back at full rate: the first moment when, over the
 * trailing {@value #WINDOW_SECONDS} seconds, both the requests accepted and the tasks assigned reach
 * {@value #FULL_SHARE} of their usual count (the median of those windows while the load was sent). The brief asks for
 * at most 30 s after each restart.
 */
public record Recovery(String what, Instant restored, Optional<Duration> backToFullRate) {

    static final int WINDOW_SECONDS = 5;
    static final double FULL_SHARE = 0.9;

    /** A disturbance that ended: what it was and when the stack had everything back. */
    public record Restored(String what, Instant at) {}

    /** The recovery after each of {@code restorations}, measured on the run's timeline. */
    public static List<Recovery> of(EndToEndLoad.Result run, List<Restored> restorations) {
        List<EndToEndLoad.Second> timeline = run.timeline();
        int sending = (int) Math.min(timeline.size(), run.plan().duration().toSeconds());
        long[] accepted =
                timeline.stream().mapToLong(EndToEndLoad.Second::accepted).toArray();
        long[] assigned =
                timeline.stream().mapToLong(EndToEndLoad.Second::assigned).toArray();
        double fullAccepted = FULL_SHARE * medianWindow(accepted, sending);
        double fullAssigned = FULL_SHARE * medianWindow(assigned, sending);
        List<Recovery> recoveries = new ArrayList<>();
        for (Restored restored : restorations) {
            long from =
                    Math.max(0, Duration.between(run.started(), restored.at()).toSeconds());
            Optional<Duration> back = Optional.empty();
            for (int end = (int) from + WINDOW_SECONDS; end <= sending; end++) {
                if (window(accepted, end) >= fullAccepted && window(assigned, end) >= fullAssigned) {
                    back = Optional.of(Duration.ofSeconds(Math.max(0, end - from)));
                    break;
                }
            }
            recoveries.add(new Recovery(restored.what(), restored.at(), back));
        }
        return recoveries;
    }

    /** The recoveries as a Markdown table. */
    public static String table(List<Recovery> recoveries) {
        StringBuilder table = new StringBuilder("| disturbance | over at | back to full rate after |\n|---|---|---|\n");
        for (Recovery recovery : recoveries) {
            table.append("| ")
                    .append(recovery.what())
                    .append(" | ")
                    .append(recovery.restored())
                    .append(" | ")
                    .append(recovery.backToFullRate()
                            .map(d -> d.toSeconds() + " s")
                            .orElse("not within the run"))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The count over the {@value #WINDOW_SECONDS} seconds that end before second {@code end}. */
    private static long window(long[] counts, int end) {
        long sum = 0;
        for (int s = Math.max(0, end - WINDOW_SECONDS); s < Math.min(end, counts.length); s++) {
            sum += counts[s];
        }
        return sum;
    }

    private static double medianWindow(long[] counts, int sending) {
        if (sending < WINDOW_SECONDS) {
            return 0;
        }
        long[] windows = new long[sending - WINDOW_SECONDS + 1];
        for (int end = WINDOW_SECONDS; end <= sending; end++) {
            windows[end - WINDOW_SECONDS] = window(counts, end);
        }
        Arrays.sort(windows);
        return windows[windows.length / 2];
    }
}

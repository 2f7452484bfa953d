package qihu.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void measuresFromTheEndOfTheDisturbanceToTheFirstFullWindow() {
        // 10 accepted and 8 assigned per second; assignments stop for seconds 20-34, then catch up at 35-36.
        EndToEndLoad.Result run =
                run(60, second -> second >= 20 && second < 35 ? 0 : second < 37 && second >= 35 ? 20 : 8);

        List<Recovery> recoveries =
                Recovery.of(run, List.of(new Recovery.Restored("triage killed", START.plusSeconds(30))));

        // The usual 5 s hold 40 assignments; the first 5 s after second 30 with 36 of them are [32, 37).
        assertThat(recoveries).singleElement().satisfies(r -> {
            assertThat(r.what()).isEqualTo("triage killed");
            assertThat(r.backToFullRate()).contains(Duration.ofSeconds(7));
        });
    }

    @Test
    void saysSoWhenTheRateNeverCameBack() {
        EndToEndLoad.Result run = run(60, second -> second >= 45 ? 1 : 8);

        List<Recovery> recoveries =
                Recovery.of(run, List.of(new Recovery.Restored("dispatch killed", START.plusSeconds(45))));

        assertThat(recoveries.get(0).backToFullRate()).isEmpty();
        assertThat(Recovery.table(recoveries)).contains("| dispatch killed |").contains("not within the run");
    }

    private static EndToEndLoad.Result run(int seconds, java.util.function.IntUnaryOperator assignedAt) {
        List<EndToEndLoad.Second> timeline = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            timeline.add(new EndToEndLoad.Second(s, 10, 10, assignedAt.applyAsInt(s), 0, 0, 0, 0));
        }
        return new EndToEndLoad.Result(
                new EndToEndLoad.Plan(10, Duration.ofSeconds(seconds), 0, 0, Duration.ZERO),
                10L * seconds,
                10L * seconds,
                Map.of(),
                10,
                null,
                null,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                Duration.ZERO,
                true,
                START,
                timeline,
                Set.of());
    }
}

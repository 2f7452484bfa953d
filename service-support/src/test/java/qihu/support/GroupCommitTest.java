package qihu.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class GroupCommitTest {

    /** Records each batch and holds it until the test completes it. */
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    private final List<Sinks.One<List<String>>> held = new CopyOnWriteArrayList<>();

    private Mono<List<String>> heldWriter(List<Integer> items) {
        batches.add(items);
        Sinks.One<List<String>> done = Sinks.one();
        held.add(done);
        return done.asMono();
    }

    private void complete(int batch) {
        List<String> outcomes =
                batches.get(batch).stream().map(i -> "written " + i).toList();
        held.get(batch).tryEmitValue(outcomes);
    }

    @Test
    void aLoneItemIsWrittenAtOnceAndWhatArrivesMeanwhileGoesInTheNextBatch() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::heldWriter, 100, 1);

        var first = commit.submit(0).toFuture();
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(commit.submit(i).toFuture());
        }
        assertThat(batches).containsExactly(List.of(0));

        complete(0);
        assertThat(first.join()).isEqualTo("written 0");
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));

        complete(1);
        assertThat(waiting.stream().map(f -> f.join()))
                .containsExactly("written 1", "written 2", "written 3", "written 4", "written 5");
    }

    @Test
    void batchesAreNoLargerThanTheMaximumAndAsManyAreInFlightAsAllowed() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::heldWriter, 3, 2);

        IntStream.range(0, 2).forEach(i -> commit.submit(i).subscribe());
        IntStream.range(2, 10).forEach(i -> commit.submit(i).subscribe());
        assertThat(batches).containsExactly(List.of(0), List.of(1));

        complete(0);
        assertThat(batches).containsExactly(List.of(0), List.of(1), List.of(2, 3, 4));
        complete(1);
        complete(2);
        assertThat(batches).hasSize(5);
        assertThat(batches.get(3)).containsExactly(5, 6, 7);
        assertThat(batches.get(4)).containsExactly(8, 9);
    }

    @Test
    void aFailedBatchFailsItsCallersOnlyAndTheNextBatchIsWritten() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::heldWriter, 100, 1);
        var failing = commit.submit(0).toFuture();
        var next = commit.submit(1).toFuture();

        held.get(0).tryEmitError(new IllegalStateException("store away"));
        assertThatThrownBy(failing::join).hasRootCauseMessage("store away");

        complete(1);
        assertThat(next.join()).isEqualTo("written 1");
    }

    @Test
    void aWriterThatAnswersTooFewOutcomesFailsTheBatchInsteadOfMisattributingThem() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(this::heldWriter, 100, 1);
        commit.submit(0).subscribe();
        var first = commit.submit(1).toFuture();
        var second = commit.submit(2).toFuture();
        complete(0);
        assertThat(batches.get(1)).containsExactly(1, 2);

        held.get(1).tryEmitValue(List.of("only one"));

        assertThatThrownBy(first::join).hasMessageContaining("answered 1 outcomes for 2 items");
        assertThatThrownBy(second::join).hasMessageContaining("answered 1 outcomes for 2 items");
    }
}

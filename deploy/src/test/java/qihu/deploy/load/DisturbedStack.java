package qihu.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import qihu.deploy.ChannelClient;
import qihu.deploy.LocalStack;
import qihu.deploy.StackConfig;
import qihu.deploy.traffic.CallbackReceivers;

/**
 * The whole stack as processes, with the channels' callback receivers, under end-to-end load while something
 * disturbs it; afterwards the audit of stores and topics must find nothing lost and nothing doubled, and everything
 * accepted must have gone all the way round. Each subclass is one kind of disturbance.
 */
abstract class DisturbedStack {

    /** What disturbs the stack: runs until the load has been sent, and says what it did in the journal. */
    interface Disturbance {
        void disturb(LocalStack stack, AtomicBoolean loadRunning, Journal journal) throws Exception;
    }

    /** What a disturbance did, one line per act, and when each disturbance was over. */
    static final class Journal {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final List<Recovery.Restored> restorations = Collections.synchronizedList(new ArrayList<>());

        void add(String line) {
            lines.add(line);
        }

        /** {@code what} is over now: from here the stack should be back at full rate within 30 s. */
        void restored(String what, Instant since) {
            Instant now = Instant.now();
            restorations.add(new Recovery.Restored(what, now));
            lines.add(since + " " + what + ", over after "
                    + Duration.between(since, now).toSeconds() + " s");
        }
    }

    @TempDir
    static Path home;

    static CallbackReceivers receivers;
    static LocalStack stack;

    /** Starts the stack (each subclass from its own {@code @BeforeAll}), its configuration adjusted by {@code how}. */
    static void startStack(UnaryOperator<StackConfig> how) {
        receivers = CallbackReceivers.start(0, ChannelClient.demoKeys(Path.of("..")));
        stack = LocalStack.start(how.apply(StackConfig.forTests(home)
                .withEnv("QIHU_CALLBACK_BASE_URL", receivers.baseUrl().toString())));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receivers != null) {
            receivers.close();
        }
    }

    static Duration property(String name, String fallback) {
        return LoadCommand.duration(System.getProperty(name, fallback));
    }

    /**
     * Runs the load with the disturbance beside it, writes the report to {@code target/<name>-report/} and checks
     * the audit.
     *
     * @return what the disturbance did, and what the run measured
     */
    static Outcome runDisturbed(String name, double rate, Duration duration, Disturbance disturbance) throws Exception {
        Journal journal = new Journal();
        List<String> log = journal.lines;
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        Thread disturber = new Thread(
                () -> {
                    try {
                        disturbance.disturb(stack, loadRunning, journal);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        log.add("the disturbance failed: " + e);
                    }
                },
                name);
        disturber.start();
        EndToEndCommand.Run run;
        try {
            run = EndToEndCommand.execute(
                    stack.config().ports(),
                    Path.of(".."),
                    new EndToEndLoad.Plan(rate, duration, 0.15, 0.05, Duration.ofMinutes(6)),
                    Duration.ofSeconds(1),
                    0.05,
                    line -> System.out.println("[" + name + "] " + line));
        } finally {
            loadRunning.set(false);
            disturber.join(Duration.ofMinutes(5).toMillis());
        }

        Path reportDir = Path.of("target", name + "-report");
        String report = EndToEndReport.write(
                reportDir,
                name + " (" + duration + " at " + rate + " requests/s)",
                run.load(),
                run.audit(),
                run.samples());
        String recoveries = Recovery.table(Recovery.of(run.load(), List.copyOf(journal.restorations)));
        Files.writeString(
                reportDir.resolve("disturbance.md"),
                "# " + name + "\n\n- " + String.join("\n- ", log) + "\n\n## Back to full rate\n\n" + recoveries);
        System.out.println(report);
        System.out.println(String.join("\n", log));
        System.out.println(recoveries);

        assertThat(log).as("what the disturbance did").noneMatch(line -> line.startsWith("the disturbance failed"));
        assertThat(run.load().accepted()).as("requests accepted").isPositive();
        assertThat(run.audit().checks())
                .allSatisfy(check -> assertThat(check.passed())
                        .as(
                                "%s: lost %d, doubled %d, e.g. %s",
                                check.what(), check.lost(), check.doubled(), check.examples())
                        .isTrue());
        assertThat(run.load().drainedFully())
                .as(
                        "every accepted request went all the way round (opened %d, assigned %d, closed %d)",
                        run.load().opened(), run.load().assigned(), run.load().closed())
                .isTrue();
        return new Outcome(List.copyOf(log), run);
    }

    /** What the disturbance did, and what the run measured. */
    record Outcome(List<String> log, EndToEndCommand.Run run) {}
}

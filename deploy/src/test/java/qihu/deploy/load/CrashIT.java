package qihu.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qihu.deploy.ChannelClient;
import qihu.deploy.LocalStack;
import qihu.deploy.Service;
import qihu.deploy.StackConfig;
import qihu.deploy.traffic.CallbackReceivers;

/**
 * The crash test: the whole stack as processes under end-to-end load, a randomly chosen service killed with SIGKILL
 * and restarted at every interval, and the broker stopped and started once half-way; then the audit of stores and
 * topics must find nothing lost and nothing doubled, and everything accepted must have gone all the way round.
 *
 * <p>Short by default, so that it runs in every build; the full run of the brief is
 * {@code ./mvnw -pl deploy -am verify -Dit.test=CrashIT -Dqihu.crash.duration=15m -Dqihu.crash.every=60s
 * -Dqihu.crash.rate=20}. The report lands in {@code deploy/target/crash-report/}.
 */
class CrashIT {

    private static final Duration DURATION = LoadCommand.duration(System.getProperty("qihu.crash.duration", "90s"));
    private static final Duration EVERY = LoadCommand.duration(System.getProperty("qihu.crash.every", "30s"));
    private static final double RATE = Double.parseDouble(System.getProperty("qihu.crash.rate", "3"));
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);

    @TempDir
    static Path home;

    private static CallbackReceivers receivers;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        receivers = CallbackReceivers.start(0, ChannelClient.demoKeys(Path.of("..")));
        stack = LocalStack.start(StackConfig.forTests(home)
                .withEnv("QIHU_CALLBACK_BASE_URL", receivers.baseUrl().toString()));
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

    @Test
    void nothingIsLostOrDoubledWhileServicesAndTheBrokerCrash() throws Exception {
        List<String> chaos = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        Thread monkey = new Thread(() -> crashUntilStopped(loadRunning, chaos), "chaos");
        monkey.start();

        EndToEndCommand.Run run;
        try {
            run = EndToEndCommand.execute(
                    stack.config().ports(),
                    Path.of(".."),
                    new EndToEndLoad.Plan(RATE, DURATION, 0.15, 0.05, Duration.ofMinutes(6)),
                    Duration.ofSeconds(1),
                    0.05,
                    line -> System.out.println("[crash] " + line));
        } finally {
            loadRunning.set(false);
            monkey.join(Duration.ofMinutes(5).toMillis());
        }

        Path reportDir = Path.of("target", "crash-report");
        String report = EndToEndReport.write(
                reportDir,
                "CrashIT (" + DURATION + ", a crash every " + EVERY + ")",
                run.load(),
                run.audit(),
                run.samples());
        Files.writeString(
                reportDir.resolve("chaos.md"), "# What was crashed\n\n- " + String.join("\n- ", chaos) + "\n");
        System.out.println(report);
        System.out.println(String.join("\n", chaos));

        assertThat(chaos)
                .as("at least one crash and the broker restart happened")
                .hasSizeGreaterThanOrEqualTo(2);
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
    }

    /** Every interval a random service is killed and started again; half-way, the broker goes away for a while. */
    private static void crashUntilStopped(AtomicBoolean loadRunning, List<String> chaos) {
        List<Service> victims = List.copyOf(Service.DEPLOYED);
        long start = System.nanoTime();
        boolean brokerRestarted = false;
        try {
            while (loadRunning.get() && System.nanoTime() - start < DURATION.toNanos()) {
                Thread.sleep(EVERY.toMillis());
                if (!loadRunning.get()) {
                    break;
                }
                if (!brokerRestarted && System.nanoTime() - start > DURATION.toNanos() / 2) {
                    brokerRestarted = true;
                    Instant down = Instant.now();
                    stack.stopBroker();
                    Thread.sleep(BROKER_DOWN.toMillis());
                    stack.startBroker();
                    chaos.add(down + " broker stopped for " + BROKER_DOWN.toSeconds() + " s");
                    continue;
                }
                Service victim = victims.get(ThreadLocalRandom.current().nextInt(victims.size()));
                Instant killed = Instant.now();
                stack.killService(victim);
                stack.startService(victim);
                chaos.add(killed + " " + victim.shortName() + " killed (SIGKILL), healthy again after "
                        + Duration.between(killed, Instant.now()).toSeconds() + " s");
            }
            if (!brokerRestarted) {
                Instant down = Instant.now();
                stack.stopBroker();
                Thread.sleep(BROKER_DOWN.toMillis());
                stack.startBroker();
                chaos.add(down + " broker stopped for " + BROKER_DOWN.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            chaos.add("chaos failed: " + e);
        }
    }
}

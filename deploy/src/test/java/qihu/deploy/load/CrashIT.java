package qihu.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import qihu.deploy.LocalStack;
import qihu.deploy.Service;

/**
 * The crash test: under end-to-end load a randomly chosen service is killed with SIGKILL and restarted at every
 * interval, and the broker is stopped and started once half-way; nothing may be lost or doubled.
 *
 * <p>Short by default, so that it runs in every build; the full run of the brief is
 * {@code ./mvnw -pl deploy -am verify -Dit.test=CrashIT -Dqihu.crash.duration=15m -Dqihu.crash.every=60s
 * -Dqihu.crash.rate=20 -Dqihu.it.timeout=3600}. The report lands in {@code deploy/target/crash-report/}.
 */
class CrashIT extends DisturbedStack {

    private static final Duration DURATION = property("qihu.crash.duration", "90s");
    private static final Duration EVERY = property("qihu.crash.every", "30s");
    private static final double RATE = Double.parseDouble(System.getProperty("qihu.crash.rate", "3"));
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);

    @BeforeAll
    static void start() {
        startStack(config -> config);
    }

    @Test
    void nothingIsLostOrDoubledWhileServicesAndTheBrokerCrash() throws Exception {
        List<String> crashes =
                runDisturbed("crash", RATE, DURATION, CrashIT::crashUntilSent).log();

        assertThat(crashes).anyMatch(line -> line.contains("SIGKILL"));
        assertThat(crashes).anyMatch(line -> line.contains("broker stopped"));
    }

    /** Every interval a random service is killed and started again; half-way, the broker goes away for a while. */
    private static void crashUntilSent(LocalStack stack, AtomicBoolean loadRunning, Journal journal)
            throws InterruptedException {
        List<Service> victims = List.copyOf(Service.DEPLOYED);
        long start = System.nanoTime();
        boolean brokerRestarted = false;
        while (loadRunning.get() && System.nanoTime() - start < DURATION.toNanos()) {
            Thread.sleep(EVERY.toMillis());
            if (!brokerRestarted && System.nanoTime() - start > DURATION.toNanos() / 2) {
                brokerRestarted = true;
                restartBroker(stack, journal);
                continue;
            }
            Service victim = victims.get(ThreadLocalRandom.current().nextInt(victims.size()));
            Instant killed = Instant.now();
            stack.killService(victim);
            stack.startService(victim);
            journal.restored(victim.shortName() + " killed (SIGKILL) and healthy again", killed);
        }
        if (!brokerRestarted) {
            restartBroker(stack, journal);
        }
    }

    private static void restartBroker(LocalStack stack, Journal journal) throws InterruptedException {
        Instant down = Instant.now();
        stack.stopBroker();
        Thread.sleep(BROKER_DOWN.toMillis());
        stack.startBroker();
        journal.restored("broker stopped for " + BROKER_DOWN.toSeconds() + " s and started", down);
    }
}

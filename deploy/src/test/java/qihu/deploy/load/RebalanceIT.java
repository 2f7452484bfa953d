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
 * The rebalance test: under end-to-end load, triage and dispatch are scaled between one and three instances at every
 * interval (each change moves partitions between the consumers of the group); nothing may be lost or doubled.
 *
 * <p>Short by default; the full run of the brief is {@code ./mvnw -pl deploy -am verify -Dit.test=RebalanceIT
 * -Dqihu.rebalance.duration=10m -Dqihu.rebalance.every=30s -Dqihu.rebalance.rate=20 -Dqihu.it.timeout=3600}. The report lands in
 * {@code deploy/target/rebalance-report/}.
 */
class RebalanceIT extends DisturbedStack {

    private static final Duration DURATION = property("qihu.rebalance.duration", "150s");
    private static final Duration EVERY = property("qihu.rebalance.every", "20s");
    private static final double RATE = Double.parseDouble(System.getProperty("qihu.rebalance.rate", "3"));
    private static final int MAX_INSTANCES = 3;

    @BeforeAll
    static void start() {
        startStack(config -> config);
    }

    @Test
    void nothingIsLostOrDoubledWhileConsumersComeAndGo() throws Exception {
        List<String> changes = runDisturbed("rebalance", RATE, DURATION, RebalanceIT::scaleUntilSent)
                .log();

        assertThat(changes).anyMatch(line -> line.contains("scaled up"));
        assertThat(changes).anyMatch(line -> line.contains("scaled down"));
    }

    /**
     * Every interval triage or dispatch gains or loses an instance, staying between one and three: first each goes up
     * and down once (so that even a short run moves partitions both ways), then at random.
     */
    private static void scaleUntilSent(LocalStack stack, AtomicBoolean loadRunning, Journal journal)
            throws InterruptedException {
        List<Service> scaled = List.of(Service.TRIAGE, Service.DISPATCH);
        long start = System.nanoTime();
        for (int change = 0; loadRunning.get() && System.nanoTime() - start < DURATION.toNanos(); change++) {
            Thread.sleep(EVERY.toMillis());
            boolean scripted = change < 2 * scaled.size();
            Service service = scripted
                    ? scaled.get(change / 2)
                    : scaled.get(ThreadLocalRandom.current().nextInt(scaled.size()));
            int now = stack.instances(service);
            boolean up = scripted
                    ? change % 2 == 0
                    : now == 1
                            || (now < MAX_INSTANCES
                                    && ThreadLocalRandom.current().nextBoolean());
            Instant at = Instant.now();
            int after = up ? stack.scaleUp(service) : stack.scaleDown(service);
            journal.restored(
                    service.shortName() + " scaled " + (up ? "up" : "down") + " to " + after + " instances", at);
        }
    }
}

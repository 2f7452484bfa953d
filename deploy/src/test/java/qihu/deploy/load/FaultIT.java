package qihu.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import qihu.deploy.LocalStack;
import qihu.deploy.Ports;

/**
 * The fault test: TCP proxies (NetCrusher) stand between every service and Kafka and MongoDB (the broker names the
 * proxy's port to its clients; the services' store address is the proxy's). Under end-to-end load they add latency,
 * reset every connection, and freeze Kafka and then the store for 30 s each. Intake must answer each request with 202,
 * or 503 with Retry-After, never hang; nothing may be lost or doubled, and everything must drain afterwards.
 */
class FaultIT extends DisturbedStack {

    private static final Duration DURATION = property("qihu.fault.duration", "150s");
    private static final double RATE = Double.parseDouble(System.getProperty("qihu.fault.rate", "3"));
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final Duration FREEZE = property("qihu.fault.freeze", "30s");

    private static final AtomicLong delayNanos = new AtomicLong();
    private static NioReactor reactor;
    private static TcpCrusher kafkaProxy;
    private static TcpCrusher storeProxy;

    @BeforeAll
    static void start() throws Exception {
        Ports real = Ports.free();
        Ports proxies = Ports.free();
        reactor = new NioReactor();
        kafkaProxy = proxy(proxies.kafka(), real.kafka());
        storeProxy = proxy(proxies.mongo(), real.mongo());
        startStack(config -> config.withPorts(real)
                .withEnv(LocalStack.KAFKA_ADVERTISED_PORT_ENV, String.valueOf(proxies.kafka()))
                .withEnv(LocalStack.MONGO_URI_ENV, "mongodb://" + Ports.LOOPBACK + ":" + proxies.mongo()));
    }

    @AfterAll
    static void stopProxies() {
        if (kafkaProxy != null) {
            kafkaProxy.close();
        }
        if (storeProxy != null) {
            storeProxy.close();
        }
        if (reactor != null) {
            reactor.close();
        }
    }

    private static TcpCrusher proxy(int listen, int target) {
        return TcpCrusherBuilder.builder()
                .withReactor(reactor)
                .withBindAddress(Ports.LOOPBACK, listen)
                .withConnectAddress(Ports.LOOPBACK, target)
                .withIncomingThrottlerFactory(client -> buffer -> delayNanos.get())
                .withOutgoingThrottlerFactory(client -> buffer -> delayNanos.get())
                .buildAndOpen();
    }

    @Test
    void theStackRidesOutLatencyResetsAndFreezesOfKafkaAndTheStore() throws Exception {
        Outcome outcome = runDisturbed("fault", RATE, DURATION, FaultIT::faults);

        assertThat(outcome.log()).anyMatch(line -> line.contains("store frozen"));
        // Every request was answered: 202, or 503 with Retry-After while the store was away; nothing hung.
        assertThat(outcome.run().load().errors().keySet())
                .as("intake's answers other than 202")
                .allMatch(kind -> kind.equals("HTTP 503"));
    }

    private static void faults(LocalStack stack, AtomicBoolean loadRunning, Journal journal)
            throws InterruptedException {
        Thread.sleep(15_000);
        Instant slowed = Instant.now();
        delayNanos.set(LATENCY.toNanos());
        Thread.sleep(20_000);
        delayNanos.set(0);
        journal.restored(LATENCY.toMillis() + " ms added to every packet to Kafka and the store", slowed);
        for (int i = 0; i < 3; i++) {
            kafkaProxy.closeAllPairs();
            storeProxy.closeAllPairs();
            journal.restored("every connection to Kafka and the store reset", Instant.now());
            Thread.sleep(5_000);
        }
        freeze(kafkaProxy, "Kafka", journal);
        Thread.sleep(10_000);
        freeze(storeProxy, "store", journal);
    }

    private static void freeze(TcpCrusher proxy, String what, Journal journal) throws InterruptedException {
        Instant at = Instant.now();
        proxy.freeze();
        Thread.sleep(FREEZE.toMillis());
        proxy.unfreeze();
        journal.restored(what + " frozen for " + FREEZE.toSeconds() + " s", at);
    }
}

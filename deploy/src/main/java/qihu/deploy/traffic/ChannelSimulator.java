package qihu.deploy.traffic;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.deploy.ChannelClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic traffic from all eleven channels at a steady rate, for demos and the dashboard: new problems from the
 * demo enterprises, and a share of re-raised ones through another channel (which triage merges). Runs until
 * closed; logs what it did every {@code reportEvery}.
 */
public final class ChannelSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelSimulator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final ChannelClient client;
    private final RequestFactory requests;
    private final double reRaiseShare;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "channel-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final SplittableRandom random = new SplittableRandom();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 1000 * 1000);
    private final LongAdder accepted = new LongAdder();
    private final LongAdder reRaised = new LongAdder();
    private final LongAdder refused = new LongAdder();

    private ChannelSimulator(ChannelClient client, RequestFactory requests, double reRaiseShare) {
        this.client = client;
        this.requests = requests;
        this.reRaiseShare = reRaiseShare;
    }

    /**
     * @param perMinute requests per minute, across the channels
     * @param reRaiseShare the share of requests that repeat an earlier problem through another channel
     */
    public static ChannelSimulator start(
            ChannelClient client, RequestFactory requests, double perMinute, double reRaiseShare) {
        if (perMinute <= 0 || reRaiseShare < 0 || reRaiseShare > 1) {
            throw new IllegalArgumentException("the simulator needs a rate > 0 and a re-raise share in [0, 1]");
        }
        ChannelSimulator simulator = new ChannelSimulator(client, requests, reRaiseShare);
        long periodMicros = Math.max(1, (long) (60_000_000 / perMinute));
        simulator.ticks.scheduleAtFixedRate(simulator::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        simulator.ticks.scheduleAtFixedRate(
                simulator::report, REPORT_EVERY.toSeconds(), REPORT_EVERY.toSeconds(), TimeUnit.SECONDS);
        log.info("channel simulator sending {} requests a minute to {}", perMinute, client.intake());
        return simulator;
    }

    public Map<String, Long> counts() {
        return Map.of("accepted", accepted.sum(), "reRaised", reRaised.sum(), "refused", refused.sum());
    }

    private void sendOne() {
        String channel = RequestFactory.CHANNELS.get(random.nextInt(RequestFactory.CHANNELS.size()));
        String id = "SIM-" + sequence.incrementAndGet();
        boolean again = random.nextDouble() < reRaiseShare;
        Map<String, Object> request = again ? requests.reRaise(id) : requests.fresh(channel, id);
        String sender = (String) request.get("channel");
        http.sendAsync(client.canonical(sender, JSON.writeValueAsBytes(request)), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    if (failure == null && response.statusCode() == 202) {
                        accepted.increment();
                        if (again) {
                            reRaised.increment();
                        }
                    } else {
                        refused.increment();
                        log.warn(
                                "{} {} not accepted: {}",
                                sender,
                                id,
                                failure != null ? failure.toString() : response.statusCode() + " " + response.body());
                    }
                });
    }

    private void report() {
        log.info(
                "channel simulator: {} accepted ({} re-raised through another channel), {} not accepted",
                accepted.sum(),
                reRaised.sum(),
                refused.sum());
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        report();
    }
}

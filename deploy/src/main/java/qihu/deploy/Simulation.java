package qihu.deploy;

import java.net.URI;
import java.util.Map;
import qihu.deploy.traffic.CallbackReceivers;
import qihu.deploy.traffic.ChannelSimulator;
import qihu.deploy.traffic.Enterprise;
import qihu.deploy.traffic.RequestFactory;

/**
 * The channel simulator beside the local stack ({@code QIHU_SIMULATE=<requests per minute> ./qihu up}): callback
 * receivers for the eleven channels, started before intake so that intake can be pointed at them, and the simulated
 * traffic once the stack is up. {@code QIHU_SIMULATE=0} ({@code ./qihu up --receivers}) starts the receivers only.
 */
final class Simulation implements AutoCloseable {

    static final String SIMULATE_ENV = "QIHU_SIMULATE";
    static final String CALLBACK_PORT_ENV = "QIHU_CALLBACK_PORT";
    static final int DEFAULT_CALLBACK_PORT = 18090;
    /** Share of simulated requests that repeat an earlier problem through another channel. */
    private static final double RE_RAISE_SHARE = 0.15;
    /** Share from enterprises outside the demo directory, so that not every problem is the same few firms'. */
    private static final double GENERATED_ENTERPRISES = 0.3;

    private final double perMinute;
    private final Map<String, String> keys;
    private final CallbackReceivers receivers;
    private final RequestFactory requests;
    private ChannelSimulator simulator;

    private Simulation(double perMinute, Map<String, String> keys, CallbackReceivers receivers, StackConfig config) {
        this.perMinute = perMinute;
        this.keys = keys;
        this.receivers = receivers;
        this.requests = new RequestFactory(
                Enterprise.demoDirectory(config.repoRoot()), GENERATED_ENTERPRISES, System.nanoTime());
    }

    /** The simulation {@code QIHU_SIMULATE} asks for, its receivers already listening; null if it is not set. */
    static Simulation fromEnvironment(StackConfig config) {
        String rate = System.getenv(SIMULATE_ENV);
        if (rate == null || rate.isBlank()) {
            return null;
        }
        double perMinute;
        try {
            perMinute = Double.parseDouble(rate.strip());
        } catch (NumberFormatException e) {
            throw new StackException(SIMULATE_ENV + " must be requests per minute (e.g. 30), got '" + rate + "'");
        }
        if (perMinute < 0) {
            throw new StackException(SIMULATE_ENV + " must be 0 (callback receivers only) or more requests per minute,"
                    + " got " + rate);
        }
        String port = System.getenv().getOrDefault(CALLBACK_PORT_ENV, String.valueOf(DEFAULT_CALLBACK_PORT));
        Map<String, String> keys = ChannelClient.demoKeys(config.repoRoot());
        return new Simulation(perMinute, keys, CallbackReceivers.start(Integer.parseInt(port), keys), config);
    }

    double perMinute() {
        return perMinute;
    }

    CallbackReceivers receivers() {
        return receivers;
    }

    synchronized void start(LocalStack stack) {
        if (perMinute == 0) {
            return; // receivers only: the traffic comes from elsewhere (./qihu load e2e)
        }
        URI intake = stack.serviceUrl(Service.INTAKE);
        simulator = ChannelSimulator.start(new ChannelClient(intake, keys), requests, perMinute, RE_RAISE_SHARE);
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
        }
        receivers.close();
    }
}

package qihu.support.messaging;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qihu.support.StoreOutage;

/**
 * Runs a consumer's handling again, in place, while it fails only because the store cannot be reached (the partition
 * waits, order is kept), for up to {@code patience}; any other failure, or a longer outage, is thrown to the binder.
 * The patience stays below Kafka's {@code max.poll.interval.ms} (5 minutes), so the consumer keeps its partitions.
 */
record StorePatience(Duration patience, Duration firstWait) {

    private static final Logger log = LoggerFactory.getLogger(StorePatience.class);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    /** Runs {@code handling} until it completes; {@code what} names it in the log. */
    void run(Runnable handling, Supplier<String> what) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        Duration wait = firstWait;
        while (true) {
            try {
                handling.run();
                return;
            } catch (RuntimeException e) {
                if (!StoreOutage.isCause(e) || System.nanoTime() + wait.toNanos() > giveUpAt) {
                    throw e;
                }
                log.warn(
                        "the store is unreachable while handling {}; trying again in {} ms (the partition waits): {}",
                        what.get(),
                        wait.toMillis(),
                        e.toString());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", interrupted);
        }
    }
}

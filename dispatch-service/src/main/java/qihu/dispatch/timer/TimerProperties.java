package qihu.dispatch.timer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The durable timers' storage and pollers ({@code qihu.dispatch.timers.*}).
 *
 * @param shards buckets per due minute, so that a burst due in one minute is spread over several documents
 * @param settle a timer that does not match its task yet is kept this long: its task's update may still be on its way
 * @param lease how long a poller's lease lasts unless renewed (every third of it while the run goes on); a dead
 *     poller's timers wait at most this long
 * @param fireConcurrency due buckets of one minute (its shards) fired at once by the lease's holder
 * @param publishLinger how long the timers' producer waits to fill a batch before sending it
 * @param publishBatchBytes the most a batch of the timers' producer holds, per partition
 * @param noticePollInterval how often due notices are looked for; the most a notice can be late
 */
@ConfigurationProperties("qihu.dispatch.timers")
public record TimerProperties(
        @DefaultValue("16") int shards,
        @DefaultValue("10s") Duration settle,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("4") int fireConcurrency,
        @DefaultValue("5ms") Duration publishLinger,
        @DefaultValue("262144") int publishBatchBytes,
        @DefaultValue("30s") Duration noticePollInterval) {

    public TimerProperties {
        if (shards < 1 || fireConcurrency < 1) {
            throw new IllegalArgumentException("qihu.dispatch.timers: shards and fire-concurrency must be ≥ 1");
        }
    }
}

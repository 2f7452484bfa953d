package qihu.dispatch.timer;

import java.time.Clock;
import java.util.List;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tasks' durable timers: SLA points in {@value #SLA}, claim timeouts in {@value #CLAIMS}, and the notices waiting
 * for working hours in {@value #NOTICES}, each in {@link TimerBuckets} by due minute.
 */
@Component
public class TaskTimers {

    public static final String SLA = "sla_timers";
    public static final String CLAIMS = "claim_timers";
    public static final String NOTICES = "notice_timers";

    private final TimerBuckets sla;
    private final TimerBuckets claims;
    private final TimerBuckets notices;
    private final TimerLease lease;
    private final Clock clock;

    public TaskTimers(ReactiveMongoTemplate mongo, TimerProperties properties, Clock clock) {
        this.sla = new TimerBuckets(mongo, SLA, properties.shards());
        this.claims = new TimerBuckets(mongo, CLAIMS, properties.shards());
        this.notices = new TimerBuckets(mongo, NOTICES, properties.shards());
        this.lease = new TimerLease(mongo, clock, properties.lease());
        this.clock = clock;
    }

    public TimerBuckets sla() {
        return sla;
    }

    public TimerBuckets claims() {
        return claims;
    }

    public TimerBuckets notices() {
        return notices;
    }

    public TimerLease lease() {
        return lease;
    }

    /** Arms what {@code changes} arms; to be done before the task's update. */
    public Mono<Void> arm(TimerChanges changes) {
        List<TimerChanges.Change> arms = changes.arms;
        return Flux.fromIterable(List.of(TimerChanges.Kind.values()))
                .concatMap(kind -> buckets(kind)
                        .armAll(arms.stream()
                                .filter(c -> c.kind() == kind)
                                .map(c -> TimerEntry.of(c.taskId(), c.at(), clock.instant()))
                                .toList()))
                .then();
    }

    /** Cancels what {@code changes} cancels; after the task's update. A cancel that fails is dropped on reading. */
    public Mono<Void> cancel(TimerChanges changes) {
        return Flux.fromIterable(changes.cancels)
                .concatMap(c -> buckets(c.kind()).cancel(c.taskId(), c.at()))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    private TimerBuckets buckets(TimerChanges.Kind kind) {
        return kind == TimerChanges.Kind.SLA ? sla : claims;
    }
}

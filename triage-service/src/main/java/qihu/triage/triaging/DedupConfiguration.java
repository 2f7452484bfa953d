package qihu.triage.triaging;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.support.scheduling.PeriodicTask;
import qihu.triage.dedup.DuplicateDetector;
import qihu.triage.dedup.NearDuplicateIndex;

/** The plain-Java duplicate detection, wired: one index per instance, kept in step with the store. */
@Configuration(proxyBeanMethods = false)
class DedupConfiguration {

    @Bean
    NearDuplicateIndex nearDuplicateIndex() {
        return new NearDuplicateIndex();
    }

    @Bean
    DuplicateDetector duplicateDetector(NearDuplicateIndex index, TriageProperties properties) {
        return new DuplicateDetector(
                index, properties.dedup().policy(), properties.dedup().analysisCacheSize());
    }

    @Bean
    DedupIndexMaintenance dedupIndexMaintenance(
            ReactiveMongoTemplate mongo,
            DuplicateDetector detector,
            NearDuplicateIndex index,
            TriageKeys keys,
            Clock clock) {
        return new DedupIndexMaintenance(mongo, detector, index, keys, clock);
    }

    /** Adds the cases other instances opened to this instance's index. */
    @Bean
    PeriodicTask dedupIndexRefresh(DedupIndexMaintenance maintenance, TriageProperties properties) {
        return new PeriodicTask(
                "near-duplicate index refresh", properties.dedup().indexRefreshInterval(), maintenance::refresh);
    }
}

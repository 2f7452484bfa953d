package qihu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static qihu.evaluation.CaseBuilder.aCase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import qihu.evaluation.feedback.CaseState;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.kpi.LiveKpis;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;
import qihu.support.testing.TestMongo;

/**
 * Two instances of the service on one broker and one store: the shared group splits the partitions between them, yet
 * each instance's live KPI model counts every case, and each answer is recorded once.
 */
@QihuServiceTest
class SeveralInstancesTest extends ServiceTestSupport {

    private static final Instant NOVEMBER = Instant.parse("2026-10-31T16:00:00Z");
    private static final Instant DECEMBER = Instant.parse("2026-11-30T16:00:00Z");
    private static final int CASES = 12;

    @Autowired
    LiveKpis liveKpis;

    private ConfigurableApplicationContext second;

    @BeforeEach
    void aSecondInstance() {
        dropDatabase();
        liveKpis.rebuild().block(Duration.ofSeconds(30));
        // Arguments, not default properties: the service's own configuration would override those.
        second = new SpringApplicationBuilder(EvaluationApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.mongodb.uri=" + TestMongo.uri(),
                        "--spring.cloud.stream.kafka.binder.brokers=" + brokers(),
                        "--qihu.evaluation.reports.scheduled=false",
                        "--qihu.evaluation.poll-interval=1h");
    }

    @AfterEach
    void stopTheSecondInstance() {
        second.close();
    }

    @Test
    void eachInstancesLiveKpisCountTheCasesOfEveryPartition() {
        List<CaseBuilder> cases =
                IntStream.range(0, CASES).mapToObj(n -> aCase("instances-" + n)).toList();
        cases.forEach(c -> publish(c.opened(), c.resolved(1)));
        cases.forEach(c -> await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> mongo.findById(c.caseId(), EvaluatedCase.class).block(),
                        stored -> Objects.nonNull(stored) && stored.state() == CaseState.AWAITING_FEEDBACK));

        LiveKpis secondKpis = second.getBean(LiveKpis.class);
        for (LiveKpis instance : List.of(liveKpis, secondKpis)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> november(instance)
                            .map(row -> row.cases() == CASES && row.resolved() == CASES)
                            .orElse(false));
        }
        // Both instances agree with the log they share.
        assertThat(november(secondKpis)).isEqualTo(november(liveKpis));
    }

    private static Optional<KpiRow> november(LiveKpis kpis) {
        return kpis.compute(new KpiCalculator.Query(NOVEMBER, DECEMBER, DECEMBER, Dimension.ALL), true)
                .map(rows -> rows.get(0));
    }
}

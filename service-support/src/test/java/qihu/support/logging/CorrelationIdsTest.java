package qihu.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What spring.reactor.context-propagation=auto and the registered accessor give every service. */
class CorrelationIdsTest {

    @BeforeAll
    static void automaticPropagation() {
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void noPropagation() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void theIdOfTheEventBeingHandledReachesTheThreadsTheHandlingContinuesOn() {
        String seenElsewhere = CorrelationIds.with(
                "req-hotline-12345-HL-1",
                () -> Mono.fromCallable(() -> MDC.get(CorrelationIds.MDC_KEY) + " on "
                                + Thread.currentThread().getName())
                        .subscribeOn(Schedulers.boundedElastic())
                        .delayElement(Duration.ofMillis(10))
                        .map(seen -> seen + ", then " + MDC.get(CorrelationIds.MDC_KEY))
                        .block(Duration.ofSeconds(5)));

        assertThat(seenElsewhere)
                .startsWith("req-hotline-12345-HL-1 on boundedElastic")
                .endsWith(", then req-hotline-12345-HL-1");
    }

    @Test
    void theCallersIdIsRestoredAfterwards() {
        MDC.put(CorrelationIds.MDC_KEY, "outer");
        try {
            CorrelationIds.with("inner", () -> MDC.get(CorrelationIds.MDC_KEY));

            assertThat(MDC.get(CorrelationIds.MDC_KEY)).isEqualTo("outer");
        } finally {
            MDC.remove(CorrelationIds.MDC_KEY);
        }
        CorrelationIds.with("only", () -> null);
        assertThat(MDC.get(CorrelationIds.MDC_KEY)).isNull();
    }
}

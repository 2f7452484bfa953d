package qihu.dispatch.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.dispatch.ShippedConfig;
import qihu.events.Complexity;

class SlaPolicyTest {

    private static final SlaProperties SHIPPED =
            ShippedConfig.bind("application.yml", "qihu.dispatch.sla", SlaProperties.class);

    /** The shipped budgets, plus overrides for two boards (simple appeals 1 day, cross-department projects 5). */
    private static final SlaPolicy WITH_OVERRIDES =
            new SlaPolicy(SHIPPED.workingDays(), Map.of("APPEAL", 1, "PROJECT", 5));

    @ParameterizedTest(name = "{0} {1} → {2} working days")
    @CsvSource({"GENERAL, POLICY, 3", "COMPLEX, POLICY, 7", "MAJOR, POLICY, 7", "GENERAL, APPEAL, 3"})
    void shippedBudgetsAreThreeWorkingDaysForGeneralAndSevenForComplexCases(
            Complexity complexity, String board, int workingDays) {
        SlaPolicy shipped = new SlaPolicy(SHIPPED.workingDays(), SHIPPED.boardOverrides());

        assertThat(shipped.workingDays(complexity, board)).isEqualTo(workingDays);
    }

    @ParameterizedTest(name = "{0} {1} → {2} working days")
    @CsvSource({
        "GENERAL, APPEAL,  1",
        "GENERAL, PROJECT, 5",
        "GENERAL, POLICY,  3",
        // An override is for general cases only: complex and major ones keep their own budget.
        "COMPLEX, APPEAL,  7",
        "COMPLEX, PROJECT, 7",
        "MAJOR,   APPEAL,  7",
    })
    void aBoardOverrideAppliesOnlyToGeneralCases(Complexity complexity, String board, int workingDays) {
        assertThat(WITH_OVERRIDES.workingDays(complexity, board)).isEqualTo(workingDays);
    }

    @Test
    void aBudgetIsRequiredForEveryComplexity() {
        assertThatThrownBy(() -> new SlaProperties(
                        Map.of(Complexity.GENERAL, 3, Complexity.COMPLEX, 7),
                        null,
                        null,
                        0.6667,
                        1,
                        1,
                        null,
                        500,
                        null,
                        10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("working-days");
    }
}

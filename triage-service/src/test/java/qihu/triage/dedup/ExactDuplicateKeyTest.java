package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qihu.events.Enterprise;

class ExactDuplicateKeyTest {

    private static final Enterprise HONGDA = new Enterprise("91330782MA2D7QF513", "义乌市鸿达小商品有限公司");
    private static final Enterprise OTHER = new Enterprise("914403001922038216", "深圳市某某科技有限公司");
    private static final String PROBLEM = "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理。";

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                PROBLEM,
                "我司新建厂房于一月提交消防验收申请 至今未收到验收结果 影响投产 请协调加快办理",
                "我司新建厂房于一月提交消防验收申请,至今未收到验收结果,影响投产,请协调加快办理!",
                "  我司新建厂房于一月提交消防验收申请，\n至今未收到验收结果，\n影响投产，请协调加快办理。  ",
                "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产，请协调加快办理！！！",
            })
    void theSameEnterpriseRewordingOnlyPunctuationOrWhitespaceGetsTheSameKey(String reworded) {
        assertThat(ExactDuplicateKey.of(HONGDA, reworded))
                .isEqualTo(ExactDuplicateKey.of(HONGDA, PROBLEM))
                .isPresent();
    }

    @Test
    void aDifferentProblemGetsADifferentKey() {
        assertThat(ExactDuplicateKey.of(HONGDA, "我司新建厂房于一月提交环评验收申请，至今未收到验收结果。"))
                .isNotEqualTo(ExactDuplicateKey.of(HONGDA, PROBLEM));
    }

    @Test
    void aDifferentEnterpriseWithTheSameTextGetsADifferentKey() {
        assertThat(ExactDuplicateKey.of(OTHER, PROBLEM))
                .isPresent()
                .isNotEqualTo(ExactDuplicateKey.of(HONGDA, PROBLEM));
    }

    @Test
    void theEnterpriseIsKnownByItsCreditCodeNotItsName() {
        Enterprise renamed = new Enterprise(HONGDA.uscc(), "鸿达小商品（义乌）");

        assertThat(ExactDuplicateKey.of(renamed, PROBLEM)).isEqualTo(ExactDuplicateKey.of(HONGDA, PROBLEM));
    }

    @Test
    void anEnterpriseWithoutCreditCodeGetsNoKey() {
        assertThat(ExactDuplicateKey.of(new Enterprise(null, HONGDA.name()), PROBLEM))
                .isEmpty();
        assertThat(ExactDuplicateKey.of(null, PROBLEM)).isEmpty();
    }
}

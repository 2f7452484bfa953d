package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.triage.dedup.TextComparison.Conflict;
import qihu.triage.text.TextAnalyzer;

class ClauseAgreementTest {

    private static List<Conflict> conflicts(String first, String second) {
        TextAnalyzer analyzer = TextAnalyzer.standard();
        return ClauseAgreement.conflicts(analyzer.analyze(first), analyzer.analyze(second));
    }

    @ParameterizedTest(name = "{3}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "有些船员被杀，而且没有其他毛利人的当地联系人。 | 有些船员被杀，而且没有当地毛利人的其他联系人。 | WORD_ORDER | modifiers swapped around a word that stays",
                "鲁迅是周树人的笔名。                           | 周树人是鲁迅的笔名。                           | WORD_ORDER | names swapped around 是",
                "张三打伤了李四，住院一周。                     | 张三被李四打伤了，住院一周。                   | WORD_ORDER | passive in one only",
                "货款按时支付，需要开具发票。                   | 货款没有按时支付，需要开具发票。               | NEGATION   | a negation before a word both have",
                "申请贷款三个月仍未放款，影响生产。             | 申请贷款5个月仍未放款，影响生产。              | NUMBER     | numbers of both texts differ",
                "2023年申请补贴10万元，至今未到账。             | 申请补贴10万元，2024年至今未到账。             | NUMBER     | a number moved and changed",
            })
    void differencesTheTermAlignmentMissesConflict(String first, String second, Conflict.Kind kind, String why) {
        assertThat(conflicts(first, second)).extracting(Conflict::kind).contains(kind);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "出口的一批货物在宁波港被海关查验。             | 一批出口货物在宁波港被海关查验。               | neighbouring words swapped",
                "已提交材料三个月没有结果。                     | 材料已经提交三个月了还没有结果。               | a word put first",
                "申请贷款三个月仍未放款，影响生产。             | 申请贷款3个月仍未放款，影响生产。              | 三 = 3",
                "道路破损严重，请求尽快维修。                   | 道路破损严重，至今没有维修。                   | a follow-up negates what was asked for",
                "执法人员检查时没有出示执法证件，请求核查。     | 执法人员检查时没有出示执法证件，请求核查，上次反映后至今未解决。 | a follow-up clause added",
                "企业招工难，一线普工缺口约200人。              | 一线普工缺口约200人，企业招工难。              | clauses in another order",
            })
    void rewordingsAgree(String first, String second, String why) {
        assertThat(conflicts(first, second)).isEmpty();
    }

    @Test
    void chineseNumeralsReadAsValues() {
        assertThat(ClauseAgreement.value("十五")).isEqualTo(15);
        assertThat(ClauseAgreement.value("一百二十")).isEqualTo(120);
        assertThat(ClauseAgreement.value("两千")).isEqualTo(2_000);
        assertThat(ClauseAgreement.value("十五万")).isEqualTo(150_000);
        assertThat(ClauseAgreement.value("2024")).isEqualTo(2_024);
        assertThat(ClauseAgreement.numbers(List.of("一", "批", "货物", "三", "个", "月")))
                .isEqualTo(Set.of(3L));
    }

    @Test
    void onlyWordsSwappedAroundAStayingWordAreReordered() {
        assertThat(ClauseAgreement.reordered(List.of("甲", "是", "乙", "支流"), List.of("乙", "是", "甲", "支流")))
                .containsExactly("乙", "甲");
        assertThat(ClauseAgreement.reordered(List.of("甲", "乙", "支流"), List.of("乙", "甲", "支流")))
                .isEmpty();
    }
}

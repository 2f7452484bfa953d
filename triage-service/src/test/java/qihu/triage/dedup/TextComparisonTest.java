package qihu.triage.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qihu.triage.dedup.TextComparison.Comparison;
import qihu.triage.dedup.TextComparison.Conflict;
import qihu.triage.text.TextAnalyzer;

class TextComparisonTest {

    private static Comparison compare(String first, String second) {
        TextAnalyzer analyzer = TextAnalyzer.standard();
        return TextComparison.compare(analyzer.analyze(first), analyzer.analyze(second));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，请协调加快办理。 | 您好，我司再次反映：新建厂房于一月提交消防验收申请，至今未收到验收结果，请协调加快办理，谢谢！ | politeness added",
                "企业招工难，一线普工缺口约200人，希望组织专场招聘会。                     | 一线普工缺口约200人，企业招工难，希望组织专场招聘会。                           | clauses in another order",
                "厂区周边近期频繁停电，请协调供电部门排查原因。                             | 厂区周边最近经常停电，请协调供电部门排查原因。                                   | synonyms (词林 =)",
                "工业园区道路破损严重，大货车进出困难，下雨天积水很深，请求尽快维修。         | 再次反映工业园区道路破损严重的问题，大货车进出困难，下雨天积水很深，至今没有维修。 | a follow-up negates what was asked for",
                "我司提交消防验收申请，至今未收到验收结果，影响投产。                         | 我司提交消防验收申请，到现在还没收到验收结果，影响投产。                         | 没收到 is not 没收",
            })
    void rewordingsHaveNoConflicts(String first, String second, String why) {
        Comparison comparison = compare(first, second);

        assertThat(comparison.conflicts()).as(comparison.explain()).isEmpty();
        assertThat(comparison.score()).as(comparison.explain()).isGreaterThanOrEqualTo(0.75);
    }

    @ParameterizedTest(name = "{3}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "我司新建厂房提交消防验收申请，至今未收到结果。 | 我司新建厂房提交环评验收申请，至今未收到结果。 | SUBSTITUTION | another permit",
                "厂区周边近期频繁停电，请协调排查原因。         | 厂区周边近期频繁停水，请协调排查原因。         | SUBSTITUTION | 停电 # 停水 are not synonyms",
                "银行突然抽贷200万元，请协调不要抽贷。         | 银行突然抽贷500万元，请协调不要抽贷。         | NUMBER       | another amount",
                "他的最佳排名是1960年的第十名。                | 他的最佳排名是1960年的第八名。                | NUMBER       | numerals are never synonyms",
                "厂房消防验收已经通过，需要办理备案。          | 厂房消防验收没有通过，需要办理备案。          | NEGATION     | passed / not passed",
                "Jidanul河是罗马尼亚Jiul河的一条支流。         | Jiul河是罗马尼亚Jidanul河的一条支流。         | SWAP         | names swapped in place",
                "校长是迈耶，秘书是哈特和他的助手。            | 校长是哈特和他的助手，秘书是迈耶。            | WORD_ORDER   | names moved inside sentences",
                "它发现于非洲，包括南非。                      | 它发现于南非，包括非洲。                      | WORD_ORDER   | places swapped across clauses",
                "德沃山坐落在戈尔德河东南面和兰布勒峰南面。    | 德沃山坐落在兰布勒峰东南面和戈尔德河南面。    | SUBSTITUTION | a short wording inside a long one is not padding",
                "有些船员被杀，而且没有其他毛利人的当地联系人。 | 有些船员被杀，而且没有当地毛利人的其他联系人。 | WORD_ORDER | stop words swapped (clause check)",
            })
    void differentProblemsConflict(String first, String second, Conflict.Kind kind, String why) {
        Comparison comparison = compare(first, second);

        assertThat(comparison.conflicts())
                .as(comparison.explain())
                .extracting(Conflict::kind)
                .contains(kind);
        assertThat(comparison.explain()).contains("conflicts");
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(
            delimiter = '|',
            value = {"最近 | 近期 | true", "经常 | 频繁 | true", "停电 | 停水 | false", "最高 | 最低 | false", "十 | 八 | false"})
    void synonymsAreWordsOfOneCluster(String one, String other, boolean synonyms) {
        assertThat(Synonyms.areSynonyms(one, other)).isEqualTo(synonyms);
    }

    @org.junit.jupiter.api.Test
    void identicalTextsScoreOneAndNothingSharedScoresZero() {
        assertThat(compare("厂房消防验收迟迟未办结", "厂房消防验收迟迟未办结").score()).isEqualTo(1.0);
        assertThat(compare("厂房消防验收迟迟未办结", "跨境电商海外仓补贴").score()).isLessThan(0.2);
        assertThat(compare("", "跨境电商海外仓补贴").score()).isZero();
    }

    @org.junit.jupiter.api.Test
    void theExplanationNamesWhatDiffers() {
        Comparison comparison = compare("我司2号厂房消防验收迟迟未办结", "您好，我司3号厂房消防验收迟迟未办结，盼复");

        assertThat(comparison.explain()).contains("numbers differ: 2 / 3").contains("% of the wording shared");
        assertThat(comparison.onlyInSecond()).isEqualTo(List.of());
    }
}

package qihu.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseSegmenterTest {

    private final ChineseSegmenter segmenter = ChineseSegmenter.shared();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // HanLP's core dictionary
                "新建厂房提交消防验收申请      | 新建 厂房 提交 消防验收 申请",
                "企业招工难                    | 企业 招工难",
                // the service centre's own terms stay whole
                "跨境电商海外仓补贴            | 跨境电商 海外仓 补贴",
                "研发费用加计扣除              | 研发费用 加计扣除",
                "申请应急转贷过桥资金          | 申请 应急转贷 过桥资金",
                "我司申请专精特新              | 我司 申请 专精特新",
                // digits and Latin letters are runs of their own, case-folded
                "2号厂房                       | 2 号 厂房",
                "ABC-123号厂房                 | abc 123 号 厂房",
                "ｉＰｈｏｎｅ１５屏幕          | iphone 15 屏幕",
                // punctuation separates and is dropped
                "退税慢，请协调！              | 退税 慢 请 协调",
            })
    void cutsTextIntoWords(String text, String expected) {
        assertThat(segmenter.segment(text)).containsExactly(expected.split(" "));
    }

    @Test
    void textAlreadySplitIntoWordsIsCutAsTheRawText() {
        assertThat(segmenter.segment("办理 房产证 资料 局长 县政府")).isEqualTo(segmenter.segment("办理房产证资料局长县政府"));
    }

    @Test
    void nothingToCutGivesNoWords() {
        assertThat(segmenter.segment("")).isEmpty();
        assertThat(segmenter.segment("，。！  ")).isEmpty();
    }

    @Test
    void oneSegmenterGivesTheSameCutOnManyThreadsAtOnce() throws Exception {
        List<String> texts = IntStream.range(0, 200)
                .mapToObj(i -> "第" + i + "号厂房消防验收迟迟未办结，跨境电商出口退税进度慢，研发费用加计扣除口径不清" + i)
                .toList();
        List<List<String>> sequential = texts.stream().map(segmenter::segment).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<String>>>> results = Arrays.stream(new int[4])
                    .mapToObj(i -> pool.submit(
                            () -> texts.stream().map(segmenter::segment).toList()))
                    .toList();
            for (Future<List<List<String>>> result : results) {
                assertThat(result.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

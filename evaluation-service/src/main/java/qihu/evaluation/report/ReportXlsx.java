package qihu.evaluation.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.report.CommonIssueReport.Cluster;
import qihu.evaluation.report.CommonIssueReport.GroupCount;
import qihu.evaluation.report.CommonIssueReport.Member;
import qihu.evaluation.report.CommonIssueReport.Recurrence;

/**
 * The report as an Excel workbook: 概况 (KPIs overall and by board, region, channel), 聚类 (clusters), 共性问题
 * (common issues with their member cases, one row per case) and 重复发生 (recurrences). Rates are numbers formatted
 * as percentages, so analysts can compute with them.
 */
public final class ReportXlsx {

    static final String SUMMARY = "概况";
    static final String CLUSTERS = "聚类";
    static final String CLUSTER_GROUPS = "聚类分布";
    static final String COMMON_ISSUES = "共性问题";
    static final String RECURRENCES = "重复发生";

    private static final List<String> KPI_HEADER = List.of(
            "分组", "受理量", "合并重复件", "办件", "应办结", "已办结", "按期办结", "评价数", "满意+基本满意", "已答复", "重办", "基层化解", "默认满意", "办结率",
            "按期办结率", "满意率", "重办率", "基层化解率", "平均办结工作日");

    private final DateTimeFormatter time;

    public ReportXlsx(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    public byte[] render(CommonIssueReport report) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            summary(book.createSheet(SUMMARY), report, styles);
            clusters(book.createSheet(CLUSTERS), report.clusters(), styles);
            groups(book.createSheet(CLUSTER_GROUPS), report, styles);
            commonIssues(book.createSheet(COMMON_ISSUES), report.commonIssues(), styles);
            recurrences(book.createSheet(RECURRENCES), report.recurrences(), styles);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle percent;
        final CellStyle decimal;

        Styles(XSSFWorkbook book) {
            header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.00%"));
            decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.00"));
        }
    }

    private void summary(Sheet sheet, CommonIssueReport report, Styles styles) {
        int r = 0;
        text(sheet.createRow(r++), styles.header, "举一反三 共性问题报告 " + report.reportId());
        text(sheet.createRow(r++), null, "周期", report.periodStart() + " 至 " + report.periodEnd());
        text(sheet.createRow(r++), null, "生成时间", time.format(report.generatedAt()));
        Row counts = sheet.createRow(r++);
        text(counts, null, "聚类数", "共性问题数", "重复发生数");
        Row values = sheet.createRow(r++);
        values.createCell(0).setCellValue(report.clusterCount());
        values.createCell(1).setCellValue(report.commonIssueCount());
        values.createCell(2).setCellValue(report.recurrenceCount());
        r++;
        r = kpiTable(sheet, r, "总体", List.of(report.overall()), styles);
        r = kpiTable(sheet, r + 1, "按服务板块", report.byBoard(), styles);
        r = kpiTable(sheet, r + 1, "按区域", report.byRegion(), styles);
        kpiTable(sheet, r + 1, "按渠道", report.byChannel(), styles);
        sheet.setColumnWidth(0, 24 * 256);
    }

    private static int kpiTable(Sheet sheet, int r, String title, List<KpiRow> rows, Styles styles) {
        text(sheet.createRow(r++), styles.header, title);
        text(sheet.createRow(r++), styles.header, KPI_HEADER.toArray(String[]::new));
        for (KpiRow k : rows) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(k.key());
            long[] counts = {
                k.received(),
                k.mergedDuplicates(),
                k.cases(),
                k.due(),
                k.closed(),
                k.closedOnTime(),
                k.ratings(),
                k.satisfiedRatings(),
                k.resolved(),
                k.reopened(),
                k.resolvedLocally(),
                k.closedByDefault()
            };
            for (int i = 0; i < counts.length; i++) {
                row.createCell(1 + i).setCellValue(counts[i]);
            }
            Double[] rates = {
                k.closureRate(), k.onTimeClosureRate(), k.satisfactionRate(), k.reopenRate(), k.localResolutionRate()
            };
            for (int i = 0; i < rates.length; i++) {
                if (rates[i] != null) {
                    row.createCell(13 + i).setCellValue(rates[i]);
                    row.getCell(13 + i).setCellStyle(styles.percent);
                }
            }
            if (k.averageWorkingDaysToClose() != null) {
                row.createCell(18).setCellValue(k.averageWorkingDaysToClose());
                row.getCell(18).setCellStyle(styles.decimal);
            }
        }
        return r;
    }

    private static void clusters(Sheet sheet, List<Cluster> clusters, Styles styles) {
        text(sheet.createRow(0), styles.header, "聚类", "件数", "企业数", "关键词", "主要板块", "涉及板块", "涉及区县", "涉及行业");
        int r = 1;
        for (Cluster c : clusters) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(c.clusterId());
            row.createCell(1).setCellValue(c.size());
            row.createCell(2).setCellValue(c.enterprises());
            text(
                    row,
                    3,
                    String.join("、", c.keywords()),
                    c.board(),
                    String.join("、", c.boards()),
                    String.join("、", c.regions()),
                    String.join("、", c.industries()));
        }
        sheet.setColumnWidth(3, 30 * 256);
    }

    /** How many clusters, and their cases, fall in each board, city and industry. */
    private static void groups(Sheet sheet, CommonIssueReport report, Styles styles) {
        text(sheet.createRow(0), styles.header, "分组方式", "分组", "聚类数", "件数");
        int r = 1;
        Map<String, List<GroupCount>> groupings = new LinkedHashMap<>();
        groupings.put("服务板块", report.clustersByBoard());
        groupings.put("地市", report.clustersByRegion());
        groupings.put("行业", report.clustersByIndustry());
        for (Map.Entry<String, List<GroupCount>> grouping : groupings.entrySet()) {
            for (GroupCount group : grouping.getValue()) {
                Row row = sheet.createRow(r++);
                text(row, 0, grouping.getKey(), group.key());
                row.createCell(2).setCellValue(group.clusters());
                row.createCell(3).setCellValue(group.cases());
            }
        }
        sheet.setColumnWidth(1, 30 * 256);
    }

    private void commonIssues(Sheet sheet, List<Cluster> issues, Styles styles) {
        text(
                sheet.createRow(0),
                styles.header,
                "聚类",
                "关键词",
                "件数",
                "企业数",
                "区县数",
                "案件编号",
                "企业",
                "区域",
                "板块",
                "渠道",
                "标题",
                "受理时间",
                "办结时间",
                "行业");
        int r = 1;
        for (Cluster c : issues) {
            for (Member m : c.members()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(c.clusterId());
                row.createCell(1).setCellValue(String.join("、", c.keywords()));
                row.createCell(2).setCellValue(c.size());
                row.createCell(3).setCellValue(c.enterprises());
                row.createCell(4).setCellValue(c.regions().size());
                text(
                        row,
                        5,
                        m.caseNumber(),
                        m.enterprise(),
                        m.regionCode(),
                        m.board(),
                        m.channel(),
                        m.title(),
                        format(m.receivedAt()),
                        format(m.closedAt()),
                        m.industry());
            }
        }
        sheet.setColumnWidth(10, 40 * 256);
    }

    private void recurrences(Sheet sheet, List<Recurrence> recurrences, Styles styles) {
        text(sheet.createRow(0), styles.header, "案件编号", "企业", "区域", "标题", "受理时间", "重复的案件", "前案办结时间");
        int r = 1;
        for (Recurrence x : recurrences) {
            text(
                    sheet.createRow(r++),
                    null,
                    x.caseNumber(),
                    x.enterprise(),
                    x.regionCode(),
                    x.title(),
                    format(x.receivedAt()),
                    x.previousCaseNumber() == null ? x.recurrenceOf() : x.previousCaseNumber(),
                    format(x.previousClosedAt()));
        }
    }

    private String format(Instant at) {
        return at == null ? "" : time.format(at);
    }

    private static void text(Row row, CellStyle style, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i] == null ? "" : values[i]);
            if (style != null) {
                row.getCell(i).setCellStyle(style);
            }
        }
    }

    private static void text(Row row, int first, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(first + i).setCellValue(values[i] == null ? "" : values[i]);
        }
    }
}

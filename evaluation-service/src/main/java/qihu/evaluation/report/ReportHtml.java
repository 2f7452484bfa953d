package qihu.evaluation.report;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.report.CommonIssueReport.Cluster;
import qihu.evaluation.report.CommonIssueReport.GroupCount;
import qihu.evaluation.report.CommonIssueReport.Member;
import qihu.evaluation.report.CommonIssueReport.Recurrence;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as one self-contained HTML page: ECharts is inlined (from the webjar), so a downloaded file shows its
 * charts offline and in a mail attachment. Charts: cases and rates by board, rates by region, clusters by board.
 */
public final class ReportHtml {

    private static final Pattern CLOSING_SCRIPT = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private final String echarts;
    private final JsonMapper json;
    private final DateTimeFormatter time;

    /** @param echarts the ECharts library's source (echarts.min.js) */
    public ReportHtml(String echarts, JsonMapper json, ZoneId zone) {
        // The library must not end the inline <script> early.
        this.echarts = CLOSING_SCRIPT.matcher(echarts).replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
        this.json = json;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    public byte[] render(CommonIssueReport r) {
        StringBuilder h = new StringBuilder(echarts.length() + 64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>举一反三 共性问题报告 ")
                .append(esc(r.periodStart() + " – " + r.periodEnd()))
                .append("</title><style>")
                .append("body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;margin:1rem;color:#222}")
                .append("table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}")
                .append("th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}")
                .append(".chart{width:100%;max-width:960px;height:360px}.num{text-align:right}")
                .append("</style><script>")
                .append(echarts)
                .append("</script></head><body>");
        h.append("<h1>举一反三 共性问题报告</h1><p>")
                .append(esc(kindText(r.kind())))
                .append("：")
                .append(esc(r.periodStart().toString()))
                .append(" 至 ")
                .append(esc(r.periodEnd().toString()))
                .append("；生成于 ")
                .append(esc(time.format(r.generatedAt())))
                .append("；报告编号 <code>")
                .append(esc(r.reportId()))
                .append("</code></p>");

        KpiRow all = r.overall();
        h.append("<h2>总体</h2><table><tr><th>受理量</th><th>合并重复件</th><th>办件</th><th>办结率</th><th>按期办结率</th>")
                .append("<th>满意率</th><th>重办率</th><th>基层化解率</th><th>平均办结工作日</th></tr><tr>")
                .append(num(all.received()))
                .append(num(all.mergedDuplicates()))
                .append(num(all.cases()))
                .append(pct(all.closureRate()))
                .append(pct(all.onTimeClosureRate()))
                .append(pct(all.satisfactionRate()))
                .append(pct(all.reopenRate()))
                .append(pct(all.localResolutionRate()))
                .append(dec(all.averageWorkingDaysToClose()))
                .append("</tr></table>");
        h.append("<p>聚类 ")
                .append(r.clusterCount())
                .append(" 个；共性问题 ")
                .append(r.commonIssueCount())
                .append(" 个（跨 ≥")
                .append(r.thresholds().minEnterprises())
                .append(" 家企业或 ≥")
                .append(r.thresholds().minRegions())
                .append(" 个区县）；办结后重复发生 ")
                .append(r.recurrenceCount())
                .append(" 件。</p>");

        h.append("<h2>按服务板块</h2><div id=\"byBoard\" class=\"chart\"></div>");
        kpiTable(h, r.byBoard());
        h.append("<h2>按区域</h2><div id=\"byRegion\" class=\"chart\"></div>");
        kpiTable(h, r.byRegion());
        h.append("<h2>按渠道</h2>");
        kpiTable(h, r.byChannel());

        h.append("<h2>相关问题聚类</h2><div id=\"clustersByBoard\" class=\"chart\"></div>");
        groupTable(h, "服务板块", r.clustersByBoard());
        groupTable(h, "地市", r.clustersByRegion());
        h.append("<div id=\"clustersByIndustry\" class=\"chart\"></div>");
        groupTable(h, "行业", r.clustersByIndustry());
        clusterTable(h, r.clusters());

        h.append("<h2>共性问题</h2>");
        if (r.commonIssues().isEmpty()) {
            h.append("<p>本期无共性问题。</p>");
        }
        for (Cluster c : r.commonIssues()) {
            h.append("<h3>")
                    .append(esc(c.clusterId()))
                    .append("：")
                    .append(esc(String.join("、", c.keywords())))
                    .append("</h3><p>")
                    .append(c.size())
                    .append(" 件，")
                    .append(c.enterprises())
                    .append(" 家企业，")
                    .append(c.regions().size())
                    .append(" 个区县（")
                    .append(esc(String.join("、", c.regions())))
                    .append("），行业：")
                    .append(esc(String.join("、", c.industries())))
                    .append(
                            "</p><table><tr><th>案件编号</th><th>企业</th><th>行业</th><th>区域</th><th>板块</th><th>渠道</th><th>标题</th>")
                    .append("<th>受理</th><th>办结</th></tr>");
            for (Member m : c.members()) {
                h.append("<tr><td>")
                        .append(esc(m.caseNumber()))
                        .append("</td><td>")
                        .append(esc(m.enterprise()))
                        .append("</td><td>")
                        .append(esc(m.industry()))
                        .append("</td><td>")
                        .append(esc(m.regionCode()))
                        .append("</td><td>")
                        .append(esc(m.board()))
                        .append("</td><td>")
                        .append(esc(m.channel()))
                        .append("</td><td>")
                        .append(esc(m.title()))
                        .append("</td><td>")
                        .append(m.receivedAt() == null ? "" : esc(time.format(m.receivedAt())))
                        .append("</td><td>")
                        .append(m.closedAt() == null ? "未办结" : esc(time.format(m.closedAt())))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>办结后重复发生</h2><table><tr><th>案件编号</th><th>企业</th><th>区域</th><th>标题</th><th>重复的案件</th>")
                .append("<th>前案办结</th></tr>");
        for (Recurrence x : r.recurrences()) {
            h.append("<tr><td>")
                    .append(esc(x.caseNumber()))
                    .append("</td><td>")
                    .append(esc(x.enterprise()))
                    .append("</td><td>")
                    .append(esc(x.regionCode()))
                    .append("</td><td>")
                    .append(esc(x.title()))
                    .append("</td><td>")
                    .append(esc(x.previousCaseNumber() == null ? x.recurrenceOf() : x.previousCaseNumber()))
                    .append("</td><td>")
                    .append(x.previousClosedAt() == null ? "" : esc(time.format(x.previousClosedAt())))
                    .append("</td></tr>");
        }
        h.append("</table>");

        h.append("<script>(function(){var d=")
                .append(chartData(r))
                .append(";function bars(id,title,keys,series,pct){var c=echarts.init(document.getElementById(id));")
                .append("c.setOption({title:{text:title,textStyle:{fontSize:14}},tooltip:{trigger:'axis'},")
                .append("legend:{top:24},grid:{top:64,containLabel:true},xAxis:{type:'category',data:keys,")
                .append("axisLabel:{rotate:30}},yAxis:{type:'value',max:pct?100:null},series:series.map(function(s){")
                .append("return{name:s.name,type:'bar',data:s.data};})});window.addEventListener('resize',")
                .append("function(){c.resize();});}")
                .append("bars('byBoard','各板块办件量',d.board.keys,[{name:'办件',data:d.board.cases},")
                .append("{name:'已办结',data:d.board.closed}],false);")
                .append("bars('byRegion','各区域办结率与满意率（%）',d.region.keys,[{name:'办结率',data:d.region.closure},")
                .append("{name:'满意率',data:d.region.satisfaction}],true);")
                .append("bars('clustersByBoard','各板块聚类数',d.clusters.keys,[{name:'聚类',data:d.clusters.clusters},")
                .append("{name:'涉及件数',data:d.clusters.cases}],false);")
                .append("bars('clustersByIndustry','各行业聚类数',d.industries.keys,[{name:'聚类',data:d.industries.clusters},")
                .append("{name:'该行业件数',data:d.industries.cases}],false);})();</script>")
                .append("</body></html>");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The numbers behind the charts, as JSON. */
    private String chartData(CommonIssueReport r) {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put(
                "board",
                java.util.Map.of(
                        "keys", r.byBoard().stream().map(KpiRow::key).toList(),
                        "cases", r.byBoard().stream().map(KpiRow::cases).toList(),
                        "closed", r.byBoard().stream().map(KpiRow::closed).toList()));
        data.put(
                "region",
                java.util.Map.of(
                        "keys", r.byRegion().stream().map(KpiRow::key).toList(),
                        "closure",
                                r.byRegion().stream()
                                        .map(k -> percent(k.closureRate()))
                                        .toList(),
                        "satisfaction",
                                r.byRegion().stream()
                                        .map(k -> percent(k.satisfactionRate()))
                                        .toList()));
        data.put("clusters", groupData(r.clustersByBoard()));
        data.put("industries", groupData(r.clustersByIndustry()));
        // Inside <script>: "</" must not appear, whatever a key says.
        return json.writeValueAsString(data).replace("</", "<\\/");
    }

    private static java.util.Map<String, Object> groupData(List<GroupCount> groups) {
        return java.util.Map.of(
                "keys", groups.stream().map(GroupCount::key).toList(),
                "clusters", groups.stream().map(GroupCount::clusters).toList(),
                "cases", groups.stream().map(GroupCount::cases).toList());
    }

    private static Object percent(Double rate) {
        return rate == null ? "-" : Math.round(rate * 10_000) / 100.0;
    }

    private static void kpiTable(StringBuilder h, List<KpiRow> rows) {
        h.append("<table><tr><th>分组</th><th>受理量</th><th>办件</th><th>应办结</th><th>已办结</th><th>办结率</th>")
                .append("<th>按期办结率</th><th>满意率</th><th>重办率</th><th>基层化解率</th><th>平均办结工作日</th></tr>");
        for (KpiRow k : rows) {
            h.append("<tr><td>")
                    .append(esc(k.key()))
                    .append("</td>")
                    .append(num(k.received()))
                    .append(num(k.cases()))
                    .append(num(k.due()))
                    .append(num(k.closed()))
                    .append(pct(k.closureRate()))
                    .append(pct(k.onTimeClosureRate()))
                    .append(pct(k.satisfactionRate()))
                    .append(pct(k.reopenRate()))
                    .append(pct(k.localResolutionRate()))
                    .append(dec(k.averageWorkingDaysToClose()))
                    .append("</tr>");
        }
        h.append("</table>");
    }

    private static void groupTable(StringBuilder h, String title, List<GroupCount> groups) {
        h.append("<table><tr><th>").append(esc(title)).append("</th><th>聚类数</th><th>涉及件数</th></tr>");
        for (GroupCount g : groups) {
            h.append("<tr><td>")
                    .append(esc(g.key()))
                    .append("</td>")
                    .append(num(g.clusters()))
                    .append(num(g.cases()))
                    .append("</tr>");
        }
        h.append("</table>");
    }

    private static void clusterTable(StringBuilder h, List<Cluster> clusters) {
        h.append("<table><tr><th>聚类</th><th>件数</th><th>企业数</th><th>关键词</th><th>主要板块</th><th>区县</th><th>行业</th></tr>");
        for (Cluster c : clusters) {
            h.append("<tr><td>")
                    .append(esc(c.clusterId()))
                    .append("</td>")
                    .append(num(c.size()))
                    .append(num(c.enterprises()))
                    .append("<td>")
                    .append(esc(String.join("、", c.keywords())))
                    .append("</td><td>")
                    .append(esc(c.board()))
                    .append("</td><td>")
                    .append(esc(String.join("、", c.regions())))
                    .append("</td><td>")
                    .append(esc(String.join("、", c.industries())))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String kindText(ReportKind kind) {
        switch (kind) {
            case WEEKLY:
                return "周报";
            case MONTHLY:
                return "月报";
            default:
                return "专题报告";
        }
    }

    private static String num(long n) {
        return "<td class=\"num\">" + n + "</td>";
    }

    private static String pct(Double rate) {
        return "<td class=\"num\">" + (rate == null ? "–" : String.format(Locale.ROOT, "%.2f%%", rate * 100)) + "</td>";
    }

    private static String dec(Double value) {
        return "<td class=\"num\">" + (value == null ? "–" : String.format(Locale.ROOT, "%.2f", value)) + "</td>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

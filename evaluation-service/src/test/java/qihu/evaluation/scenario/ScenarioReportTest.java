package qihu.evaluation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static qihu.evaluation.scenario.ScenarioMother.caseId;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.EventLog;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.kpi.LiveKpis;
import qihu.evaluation.report.ReportController;
import qihu.evaluation.report.ReportController.ReportView;
import qihu.evaluation.report.ReportPublisher;
import qihu.events.ReportPublished;
import qihu.events.Topics;
import qihu.support.testing.MovableClock;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scripted November through the service: its event log rebuilt from the store gives the same figures as the
 * events in memory (and so the hand-counted ones); its monthly report has the expected clusters, common issues and
 * recurrences in HTML, Excel (read back with POI) and JSON; each report is published once, on demand or on schedule.
 */
@QihuServiceTest
@Import(MovableClock.class)
@TestPropertySource(properties = {"qihu.evaluation.poll-interval=1h", "qihu.evaluation.reports.scheduled=false"})
class ScenarioReportTest extends ServiceTestSupport {

    private static final String MONTHLY = "report-monthly-2026-11";

    @Autowired
    WebTestClient http;

    @Autowired
    EventLog eventLog;

    @Autowired
    ReportPublisher publisher;

    @Autowired
    MovableClock clock;

    @Autowired
    LiveKpis liveKpis;

    @BeforeEach
    void theScenarioIsInTheLog() {
        // Generating a report reads and folds the whole log: give a loaded build machine time.
        // The HTML carries the chart library (about 1 MB).
        http = http.mutate()
                .responseTimeout(Duration.ofMinutes(2))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20))
                .build();
        dropDatabase();
        liveKpis.rebuild().block(Duration.ofSeconds(30));
        clock.set("2026-12-20T12:00:00+08:00");
        // Into the log as the shared group records them, and into the live models as the live view sees them.
        eventLog.recordAll(ScenarioMother.events()).block(Duration.ofMinutes(1));
        ScenarioMother.events().forEach(eventLog::arrived);
    }

    @ParameterizedTest
    @EnumSource(Dimension.class)
    void figuresRebuiltFromTheStoredLogAreTheSame(Dimension by) {
        String uri = "/api/v1/kpis?from=2026-11-01&to=2026-11-30&asOf=2026-12-20T04:00:00Z&by="
                + by.name().toLowerCase();
        List<KpiRow> live = kpis(uri);
        liveKpis.rebuild().block(Duration.ofMinutes(1));
        List<KpiRow> fromStore = kpis(uri);

        List<KpiRow> inMemory = new KpiCalculator(WorkingDayCalendar.bundled(), ScenarioMother.SHANGHAI)
                .compute(
                        ScenarioMother.events(),
                        new KpiCalculator.Query(
                                ScenarioKpiTest.NOVEMBER, ScenarioKpiTest.DECEMBER, ScenarioMother.AS_OF, by));
        assertThat(fromStore).isEqualTo(inMemory).isEqualTo(ScenarioKpiTest.expected(by));
        assertThat(live).isEqualTo(fromStore);
    }

    private List<KpiRow> kpis(String uri) {
        return http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<KpiRow>>() {})
                .returnResult()
                .getResponseBody();
    }

    @Test
    void theMonthlyReportShowsTheClustersCommonIssuesAndRecurrences() throws IOException {
        ReportView created = post(Map.of("kind", "monthly", "from", "2026-11-01", "to", "2026-11-30"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location("/api/v1/reports/" + MONTHLY)
                .expectBody(ReportView.class)
                .returnResult()
                .getResponseBody();
        assertThat(created.reportId()).isEqualTo(MONTHLY);
        assertThat(created.summary().cases()).isEqualTo(300);
        assertThat(created.summary().clusters()).isEqualTo(3);
        assertThat(created.summary().commonIssues()).isEqualTo(2);
        assertThat(created.summary().recurrences()).isEqualTo(2);
        assertThat(created.files())
                .extracting(ReportController.FileView::format)
                .containsExactly("html", "xlsx", "json");

        JsonNode json = JsonMapper.builder().build().readTree(download("json", "application/json"));
        assertThat(json.at("/overall/cases").asInt()).isEqualTo(300);
        assertThat(json.at("/overall/closureRate").asDouble()).isEqualTo(0.8);
        List<String> commonIds = new ArrayList<>();
        json.get("commonIssues")
                .forEach(issue -> commonIds.add(issue.get("clusterId").asString()));
        // The fire-acceptance cluster (6 enterprises, 3 counties) and the talent-housing one (3 enterprises), each
        // named after its earliest case: no. 50 (received 12 November) and no. 106 (3 November).
        assertThat(commonIds).containsExactly("QH202611-000050", "QH202611-000106");
        JsonNode fire = json.get("commonIssues").get(0);
        assertThat(fire.get("size").asInt()).isEqualTo(6);
        assertThat(fire.get("enterprises").asInt()).isEqualTo(6);
        assertThat(fire.get("regions").toString()).isEqualTo("[\"330702\",\"330703\",\"330782\"]");
        assertThat(fire.get("keywords").toString()).contains("消防", "验收");
        assertThat(json.get("commonIssues").get(1).get("keywords").toString()).contains("人才", "公寓");
        // Industries from the enterprises' names: the fire cluster's six enterprises are two of each trade, the
        // housing cluster's three are logistics firms, the loan cluster's two are traders.
        assertThat(fire.get("industries").toString()).isEqualTo("[\"交通运输、仓储和邮政业\",\"制造业\",\"批发和零售业\"]");
        assertThat(fire.get("members").findValuesAsString("industry")).contains("制造业", "批发和零售业");
        List<String> byIndustry = new ArrayList<>();
        json.get("clustersByIndustry")
                .forEach(g -> byIndustry.add(g.get("key").asString() + ":"
                        + g.get("clusters").asInt() + "/" + g.get("cases").asInt()));
        assertThat(byIndustry).containsExactly("交通运输、仓储和邮政业:2/5", "批发和零售业:2/4", "制造业:1/2");
        // The loan cluster: two enterprises in one county, related but not common.
        assertThat(json.get("clusters").findValuesAsString("clusterId"))
                .containsExactly("QH202611-000050", "QH202611-000106", "QH202611-000011");
        assertThat(json.get("recurrences").findValuesAsString("recurrenceOf"))
                .containsExactlyInAnyOrder(caseId(0), caseId(1));

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                download("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))) {
            DataFormatter cells = new DataFormatter();
            Sheet summary = book.getSheet("概况");
            assertThat(cells.formatCellValue(summary.getRow(1).getCell(1))).isEqualTo("2026-11-01 至 2026-11-30");
            Row overall = summary.getRow(8);
            assertThat(cells.formatCellValue(overall.getCell(0))).isEqualTo("all");
            assertThat(overall.getCell(3).getNumericCellValue()).isEqualTo(300);
            assertThat(overall.getCell(13).getNumericCellValue()).isEqualTo(0.8);
            assertThat(cells.formatCellValue(overall.getCell(13))).isEqualTo("80.00%");
            assertThat(overall.getCell(18).getNumericCellValue()).isEqualTo(3.25);

            Sheet common = book.getSheet("共性问题");
            List<String> members = new ArrayList<>();
            for (int r = 1; r <= common.getLastRowNum(); r++) {
                members.add(cells.formatCellValue(common.getRow(r).getCell(5)));
            }
            // One row per member case, in order of receipt within each common issue.
            assertThat(members)
                    .containsExactly(
                            "QH202611-000050",
                            "QH202611-000030",
                            "QH202611-000010",
                            "QH202611-000060",
                            "QH202611-000040",
                            "QH202611-000020",
                            "QH202611-000106",
                            "QH202611-000112",
                            "QH202611-000100");
            assertThat(cells.formatCellValue(common.getRow(1).getCell(13))).isEqualTo("批发和零售业");
            assertThat(book.getSheet("聚类").getLastRowNum()).isEqualTo(3);
            List<String> groups = new ArrayList<>();
            Sheet clusterGroups = book.getSheet("聚类分布");
            for (int r = 1; r <= clusterGroups.getLastRowNum(); r++) {
                Row row = clusterGroups.getRow(r);
                if (cells.formatCellValue(row.getCell(0)).equals("行业")) {
                    groups.add(cells.formatCellValue(row.getCell(1)) + ":" + cells.formatCellValue(row.getCell(3)));
                }
            }
            assertThat(groups).containsExactly("交通运输、仓储和邮政业:5", "批发和零售业:4", "制造业:2");
            assertThat(book.getSheet("重复发生").getLastRowNum()).isEqualTo(2);
        }

        String html = new String(download("html", "text/html;charset=UTF-8"), StandardCharsets.UTF_8);
        // Self-contained: the chart library is inline, not fetched.
        assertThat(html)
                .contains("echarts.init(", "QH202611-000050", "消防", "clustersByIndustry", "<th>行业</th>")
                .doesNotContain("<script src=");

        http.get()
                .uri("/api/v1/reports")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].reportId")
                .isEqualTo(MONTHLY);
    }

    @Test
    void aSecondRequestForTheSamePeriodGetsTheSameReportAndPublishesNothingMore() {
        Map<String, Object> week = Map.of("kind", "weekly", "from", "2026-11-16", "to", "2026-11-22");
        List<ReportPublished> before = published();
        post(week).expectStatus().isCreated();
        ReportView again = post(week)
                .expectStatus()
                .isOk()
                .expectBody(ReportView.class)
                .returnResult()
                .getResponseBody();

        assertThat(again.reportId()).isEqualTo("report-weekly-2026-W47");
        assertThat(publishedSince(before))
                .extracting(ReportPublished::reportId)
                .containsExactly("report-weekly-2026-W47");
    }

    @Test
    void theScheduleMakesLastWeeksAndLastMonthsReportsOnceEvenWithTwoRunnersAtOnce() {
        // Tuesday 1 December, 02:00: the week of 23–29 November and November are due.
        clock.set("2026-12-01T02:00:00+08:00");
        List<ReportPublished> before = published();

        Long[] runs = Mono.zip(publisher.publishDue(), publisher.publishDue(), (a, b) -> new Long[] {a, b})
                .block(Duration.ofMinutes(2));
        Long later = publisher.publishDue().block(Duration.ofMinutes(1));

        assertThat(runs[0] + runs[1]).isEqualTo(2);
        assertThat(later).isZero();
        assertThat(publishedSince(before))
                .extracting(ReportPublished::reportId, ReportPublished::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("report-weekly-2026-W48", "WEEKLY"),
                        org.assertj.core.groups.Tuple.tuple(MONTHLY, "MONTHLY"));
    }

    @Test
    void notBeforeTheConfiguredHour() {
        clock.set("2026-11-30T00:30:00+08:00");

        assertThat(publisher.publishDue().block(Duration.ofMinutes(1))).isZero();
        assertThat(mongo.getCollection("reports")
                        .flatMap(c -> Mono.from(c.countDocuments()))
                        .block())
                .isZero();
    }

    @Test
    void badReportRequestsAreProblemsNamingTheField() {
        isProblem(post(Map.of("kind", "yearly", "from", "2026-01-01", "to", "2026-12-31")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("kind");
        isProblem(post(Map.of("kind", "weekly", "from", "2026-11-17", "to", "2026-11-23")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
        isProblem(post(Map.of("kind", "custom", "from", "2026-11-30", "to", "2026-11-01")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field")
                .isEqualTo("to");
        isProblem(http.get().uri("/api/v1/reports/report-monthly-2020-01").exchange(), HttpStatus.NOT_FOUND);
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> body) {
        return http.post()
                .uri("/api/v1/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private byte[] download(String format, String contentType) {
        return http.get()
                .uri("/api/v1/reports/" + MONTHLY + "." + format)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(contentType)
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        v -> assertThat(v).startsWith("attachment;").contains(MONTHLY + "." + format))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    /** Every report.published on the topic (checked against its schema), earlier tests' included. */
    private List<ReportPublished> published() {
        return eventsOn(Topics.REPORT_PUBLISHED, Duration.ofSeconds(3)).stream()
                .map(e -> (ReportPublished) e.payload())
                .toList();
    }

    private List<ReportPublished> publishedSince(List<ReportPublished> before) {
        List<ReportPublished> since = new ArrayList<>(published());
        before.forEach(since::remove);
        return since;
    }
}

package qihu.evaluation.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.feedback.FeedbackProperties;
import qihu.evaluation.kpi.CaseFacts;
import qihu.evaluation.kpi.EventLog;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.report.ReportStore.Rendered;
import qihu.evaluation.report.ReportStore.StoredReport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates, stores and publishes common-issue reports: on demand, and for the schedule (周报 every Monday for the
 * week before, 月报 on the 1st for the month before) by whichever instance takes the period's lease first.
 */
@Service
public class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

    public static final String HTML = "text/html;charset=UTF-8";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String JSON = "application/json";

    private final EventLog eventLog;
    private final ReportStore store;
    private final ReportProperties properties;
    private final FeedbackProperties feedback;
    private final Clock clock;
    private final ReportBuilder builder;
    private final ReportHtml html;
    private final ReportXlsx xlsx;
    private final JsonMapper json;
    /** Who holds a lease: this instance, for this run of the process. */
    private final String instance = "evaluation-" + UUID.randomUUID();

    public ReportPublisher(
            EventLog eventLog,
            ReportStore store,
            ReportProperties properties,
            FeedbackProperties feedback,
            Clock clock) {
        this.eventLog = eventLog;
        this.store = store;
        this.properties = properties;
        this.feedback = feedback;
        this.clock = clock;
        this.json = JsonMapper.builder().build();
        this.builder = new ReportBuilder(
                new KpiCalculator(WorkingDayCalendar.bundled(), feedback.zone()),
                feedback.zone(),
                properties.limits(),
                new Industries(properties.industries()));
        this.html = new ReportHtml(echarts(), json, feedback.zone());
        this.xlsx = new ReportXlsx(feedback.zone());
    }

    /** A period's report and whether this call published it (false: it existed already, unchanged). */
    public record Outcome(StoredReport report, boolean published) {}

    /** The period's report: the stored one if it exists, else a new one, generated from the log as it is now. */
    public Mono<Outcome> publish(ReportPeriod period) {
        return store.find(period.reportId())
                .map(existing -> new Outcome(existing, false))
                .switchIfEmpty(Mono.defer(() -> generate(period)));
    }

    /** Publishes the scheduled reports that are due and not yet published, each under its period's lease. */
    public Mono<Long> publishDue() {
        ZonedDateTime now = clock.instant().atZone(feedback.zone());
        if (now.toLocalTime().isBefore(properties.runAfter())) {
            return Mono.just(0L);
        }
        List<ReportPeriod> due =
                List.of(ReportPeriod.lastWeek(now.toLocalDate()), ReportPeriod.lastMonth(now.toLocalDate()));
        return Flux.fromIterable(due)
                .concatMap(period -> store.find(period.reportId())
                        .hasElement()
                        .filter(exists -> !exists)
                        .flatMap(missing -> store.lease(period.key(), instance, clock.instant()))
                        .filter(leased -> leased)
                        .flatMap(leased -> generate(period))
                        .filter(Outcome::published))
                .count();
    }

    private Mono<Outcome> generate(ReportPeriod period) {
        Instant now = clock.instant();
        return eventLog.upTo(now)
                .collectList()
                .publishOn(Schedulers.boundedElastic())
                .map(events -> KpiCalculator.fold(events, now))
                .flatMap(cases -> render(period, cases, now))
                .flatMap(outcome -> store.find(period.reportId()).map(stored -> new Outcome(stored, outcome)))
                .doOnNext(outcome -> {
                    if (outcome.published()) {
                        log.info("published report {} ({} … {})", period.reportId(), period.from(), period.to());
                    }
                });
    }

    /** Builds and renders the report of the period from the read model, then stores it: true when published. */
    Mono<Boolean> render(ReportPeriod period, Map<String, CaseFacts> cases, Instant now) {
        CommonIssueReport report = builder.build(period, cases, now);
        List<Rendered> files = List.of(
                new Rendered("html", HTML, html.render(report)),
                new Rendered("xlsx", XLSX, xlsx.render(report)),
                new Rendered("json", JSON, json.writeValueAsBytes(report)));
        ReportStore.Summary summary = new ReportStore.Summary(
                (int) report.overall().cases(),
                report.clusterCount(),
                report.commonIssueCount(),
                report.recurrenceCount());
        return store.publish(report, summary, files, now);
    }

    /** Builds the report alone, for measurements and tests that look at its content. */
    public CommonIssueReport build(ReportPeriod period, Map<String, CaseFacts> cases, Instant asOf) {
        return builder.build(period, cases, asOf);
    }

    public byte[] renderHtml(CommonIssueReport report) {
        return html.render(report);
    }

    public byte[] renderXlsx(CommonIssueReport report) {
        return xlsx.render(report);
    }

    /** The ECharts library from its webjar, to be inlined into the HTML. */
    private static String echarts() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/resources/webjars/echarts/*/dist/echarts.min.js");
            if (found.length == 0) {
                throw new IllegalStateException("the ECharts webjar is not on the classpath");
            }
            return found[0].getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

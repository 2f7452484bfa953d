package qihu.evaluation.kpi;

import static qihu.evaluation.DateParameters.date;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.feedback.FeedbackProperties;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Mono;

/**
 * The KPIs (办结率, 按期办结率, 满意率, 重办率, 基层化解率, average working days to close) of the cases received between
 * two dates, as they stood at any moment, broken down by region, level, board, department or channel; JSON or CSV.
 */
@RestController
@RequestMapping("/api/v1/kpis")
public class KpiController {

    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}|\\d{9}");

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final EventLog eventLog;
    private final LiveKpis live;
    private final KpiCalculator calculator;
    private final FeedbackProperties properties;
    private final Clock clock;

    public KpiController(EventLog eventLog, LiveKpis live, FeedbackProperties properties, Clock clock) {
        this.eventLog = eventLog;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
        this.calculator = new KpiCalculator(WorkingDayCalendar.bundled(), properties.zone());
    }

    /**
     * @param from first day of receipt (inclusive), {@code to} the last (inclusive), both in the service's zone
     * @param asOf the moment the figures describe (ISO-8601 with offset); now when absent
     */
    /**
     * 评价晾晒: groups ranked by one KPI (satisfaction, on-time-closure, closure, reopen, local-resolution,
     * working-days-to-close), only those with at least {@code minSample} cases behind the figure; the others listed
     * apart with their sample size.
     */
    @GetMapping("/rankings")
    public Mono<Ranking.Result> rankings(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "department") String by,
            @RequestParam(required = false) String region,
            @RequestParam(defaultValue = "satisfaction") String metric,
            @RequestParam(defaultValue = "10") int minSample) {
        List<FieldViolation> violations = new ArrayList<>();
        KpiCalculator.Query query = query(from, to, asOf, by, region, violations);
        Ranking.Metric ranked = null;
        try {
            ranked = Ranking.Metric.parse(metric);
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(
                    "metric",
                    "must be one of "
                            + Arrays.stream(Ranking.Metric.values())
                                    .map(Ranking.Metric::label)
                                    .collect(Collectors.joining(", "))));
        }
        if (minSample < 1) {
            violations.add(new FieldViolation("minSample", "must be at least 1"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidInputException(violations));
        }
        Ranking.Metric chosen = ranked;
        return rows(query, asOf == null).map(rows -> Ranking.rank(rows, chosen, minSample));
    }

    @GetMapping
    public Mono<ResponseEntity<?>> kpis(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "all") String by,
            @RequestParam(required = false) String region,
            @RequestParam(defaultValue = "json") String format) {
        List<FieldViolation> violations = new ArrayList<>();
        KpiCalculator.Query query = query(from, to, asOf, by, region, violations);
        boolean csv = "csv".equalsIgnoreCase(format);
        if (!csv && !"json".equalsIgnoreCase(format)) {
            violations.add(new FieldViolation("format", "must be json or csv"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidInputException(violations));
        }
        return rows(query, asOf == null)
                .map(rows -> csv
                        ? ResponseEntity.ok().contentType(TEXT_CSV).body(KpiCsv.write(rows))
                        : ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(rows));
    }

    /** From the live read model when it can answer, else folded from the log (e.g. for an earlier as-of time). */
    private Mono<List<KpiRow>> rows(KpiCalculator.Query query, boolean now) {
        return live.compute(query, now)
                .map(Mono::just)
                .orElseGet(() ->
                        eventLog.upTo(query.asOf()).collectList().map(events -> calculator.compute(events, query)));
    }

    /** The period, moment and breakdown asked for; null with {@code violations} filled in if any is wrong. */
    private KpiCalculator.Query query(
            String from, String to, String asOf, String by, String region, List<FieldViolation> violations) {
        LocalDate first = date("from", from, violations);
        LocalDate last = date("to", to, violations);
        Instant at = asOf == null ? clock.instant() : instant(asOf, violations);
        Dimension dimension = dimension(by, violations);
        if (region != null && !REGION_CODE.matcher(region).matches()) {
            violations.add(new FieldViolation("region", "is not a region code (6 or 9 digits, GB/T 2260)"));
        }
        if (first != null && last != null && last.isBefore(first)) {
            violations.add(new FieldViolation("to", "lies before from"));
        }
        if (first == null || last == null || at == null || dimension == null) {
            return null;
        }
        return new KpiCalculator.Query(
                first.atStartOfDay(properties.zone()).toInstant(),
                last.plusDays(1).atStartOfDay(properties.zone()).toInstant(),
                at,
                dimension,
                region);
    }

    private static Instant instant(String value, List<FieldViolation> violations) {
        try {
            // An unencoded "+08:00" in a query string arrives as " 08:00".
            return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("asOf", "is not a date-time such as 2026-12-01T00:00:00+08:00"));
            return null;
        }
    }

    private static Dimension dimension(String value, List<FieldViolation> violations) {
        try {
            return Dimension.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(
                    "by",
                    "must be one of "
                            + Arrays.stream(Dimension.values())
                                    .map(d -> d.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", "))));
            return null;
        }
    }
}

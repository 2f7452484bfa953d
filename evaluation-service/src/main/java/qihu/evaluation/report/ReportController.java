package qihu.evaluation.report;

import static qihu.evaluation.DateParameters.date;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.evaluation.report.ReportStore.StoredFile;
import qihu.evaluation.report.ReportStore.StoredReport;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Common-issue reports: made on demand, listed, described and downloaded as HTML, Excel or JSON. */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportController {

    /** A custom report covers at most this many days. */
    static final int MAX_DAYS = 366;

    private final ReportPublisher publisher;
    private final ReportStore store;

    public ReportController(ReportPublisher publisher, ReportStore store) {
        this.publisher = publisher;
        this.store = store;
    }

    /** {@code kind}: weekly (Monday to Sunday), monthly (a whole month) or custom; dates inclusive. */
    public record ReportRequest(String kind, String from, String to) {}

    public record FileView(String format, String contentType, long bytes, String href) {}

    /** A report's metadata. */
    public record ReportView(
            String reportId,
            String kind,
            LocalDate periodStart,
            LocalDate periodEnd,
            java.time.Instant generatedAt,
            ReportStore.Summary summary,
            List<FileView> files) {

        static ReportView of(StoredReport r) {
            return new ReportView(
                    r.reportId(),
                    r.kind().label(),
                    r.periodStart(),
                    r.periodEnd(),
                    r.generatedAt(),
                    r.summary(),
                    r.files().stream()
                            .map(f -> new FileView(
                                    f.format(),
                                    f.contentType(),
                                    f.bytes(),
                                    "/api/v1/reports/" + r.reportId() + "." + f.format()))
                            .toList());
        }
    }

    /** 201 with the new report; 200 with the existing one when the period's report was published before. */
    @PostMapping
    public Mono<ResponseEntity<ReportView>> create(@RequestBody ReportRequest request) {
        ReportPeriod period = period(request);
        return publisher.publish(period).map(outcome -> {
            ReportView view = ReportView.of(outcome.report());
            return outcome.published()
                    ? ResponseEntity.created(URI.create("/api/v1/reports/" + view.reportId()))
                            .body(view)
                    : ResponseEntity.ok(view);
        });
    }

    @GetMapping
    public Flux<ReportView> list() {
        return store.list().map(ReportView::of);
    }

    @GetMapping("/{id:[^.]+}")
    public Mono<ReportView> byId(@PathVariable String id) {
        return found(id).map(ReportView::of);
    }

    @GetMapping("/{id:[^.]+}.{format}")
    public Mono<ResponseEntity<Flux<DataBuffer>>> download(@PathVariable String id, @PathVariable String format) {
        return found(id).map(report -> {
            StoredFile file = report.files().stream()
                    .filter(f -> f.format().equalsIgnoreCase(format))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("report " + id + " has no " + format + " file; it has "
                            + report.files().stream().map(StoredFile::format).toList()));
            Flux<DataBuffer> body = store.content(file).map(DefaultDataBufferFactory.sharedInstance::wrap);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(file.contentType()))
                    .contentLength(file.bytes())
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(report.reportId() + "." + file.format(), StandardCharsets.UTF_8)
                                    .build()
                                    .toString())
                    .body(body);
        });
    }

    private Mono<StoredReport> found(String id) {
        return store.find(id).switchIfEmpty(Mono.error(new NotFoundException("no report " + id)));
    }

    private static ReportPeriod period(ReportRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ReportKind kind = null;
        if (request.kind() == null) {
            violations.add(new FieldViolation("kind", "is required: weekly, monthly or custom"));
        } else {
            try {
                kind = ReportKind.valueOf(request.kind().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("kind", "must be weekly, monthly or custom"));
            }
        }
        LocalDate from = date("from", request.from(), violations);
        LocalDate to = date("to", request.to(), violations);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                violations.add(new FieldViolation("to", "lies before from"));
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                violations.add(new FieldViolation("to", "a report covers at most " + MAX_DAYS + " days"));
            } else if (kind != null && !new ReportPeriod(kind, from, to).wellFormed()) {
                violations.add(new FieldViolation(
                        "from",
                        kind == ReportKind.WEEKLY
                                ? "a weekly report runs from a Monday to the Sunday after"
                                : "a monthly report runs from the 1st to the last day of one month"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new ReportPeriod(kind, from, to);
    }
}

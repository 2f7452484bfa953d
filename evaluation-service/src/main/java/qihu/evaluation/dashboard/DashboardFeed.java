package qihu.evaluation.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import qihu.calendar.WorkingDayCalendar;
import qihu.evaluation.feedback.FeedbackProperties;
import qihu.evaluation.kpi.Dimension;
import qihu.evaluation.kpi.EventLog;
import qihu.evaluation.kpi.KpiCalculator;
import qihu.evaluation.kpi.KpiRow;
import qihu.evaluation.kpi.LiveKpis;
import qihu.evaluation.kpi.LiveModel;
import qihu.events.EventEnvelope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dashboards' data, read from the event log (so the figures agree with the KPIs and survive a restart): on demand
 * for a snapshot, and live for the open dashboards, where one reading serves them all. Case events recorded here are
 * coalesced ({@code coalesce}) into one fresh reading; without events a reading is taken every {@code refresh}, which
 * also picks up what other instances of the service recorded and deadlines that passed.
 */
@Component
public class DashboardFeed {

    /** One reading of the log: the folded events and the KPIs by region, at {@code at}. */
    record Reading(Instant at, DashboardFacts facts, List<KpiRow> kpisByRegion) {}

    private final EventLog eventLog;
    private final Clock clock;
    private final DashboardProperties properties;
    private final ObjectProvider<CommonIssueSource> commonIssues;
    private final Dashboard dashboard;
    private final KpiCalculator kpis;
    private final FeedbackProperties zone;
    private final Flux<Reading> live;
    private final LiveModel<DashboardFacts> liveFacts;
    private final LiveKpis liveKpis;

    public DashboardFeed(
            EventLog eventLog,
            LiveKpis liveKpis,
            Clock clock,
            DashboardProperties properties,
            FeedbackProperties feedback,
            ObjectProvider<CommonIssueSource> commonIssues) {
        this.eventLog = eventLog;
        this.liveKpis = liveKpis;
        this.liveFacts = new LiveModel<>("dashboard read model", eventLog, DashboardFacts::new);
        this.clock = clock;
        this.properties = properties;
        this.commonIssues = commonIssues;
        this.zone = feedback;
        this.dashboard = new Dashboard(feedback.zone(), properties);
        this.kpis = new KpiCalculator(WorkingDayCalendar.bundled(), feedback.zone());
        this.live = Flux.merge(
                        eventLog.arrivals().map(caseId -> 0L).sample(properties.coalesce()),
                        Flux.interval(properties.refresh()))
                .onBackpressureLatest()
                .concatMap(tick -> read(), 1)
                // One reading for every open dashboard; the readings stop when the last one closes.
                .share();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        liveFacts.start();
    }

    /** Folds the live models afresh from the log (after the log was replaced, as tests do). */
    public Mono<Void> rebuild() {
        return Mono.when(liveFacts.rebuild(), liveKpis.rebuild());
    }

    /** The dashboard of {@code scope} as it stands now. */
    public Mono<DashboardSnapshot> snapshot(RegionScope scope) {
        return read().flatMap(reading -> snapshot(reading, scope));
    }

    /** The dashboard of {@code scope} now, then again after every change (coalesced) and every refresh. */
    public Flux<DashboardSnapshot> follow(RegionScope scope) {
        return Flux.defer(() -> {
            // Following the live readings from the start misses no change made during the first reading; a reading
            // older than one already shown is dropped.
            AtomicReference<Instant> shown = new AtomicReference<>(Instant.MIN);
            return Flux.merge(read(), live)
                    .filter(reading -> shown.getAndAccumulate(reading.at(), (a, b) -> a.isAfter(b) ? a : b)
                            .isBefore(reading.at()))
                    .concatMap(reading -> snapshot(reading, scope), 1);
        });
    }

    private Mono<Reading> read() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, zone.zone());
            KpiCalculator.Query byRegion = new KpiCalculator.Query(
                    dashboard.ratesFrom(today).atStartOfDay(zone.zone()).toInstant(),
                    today.plusDays(1).atStartOfDay(zone.zone()).toInstant(),
                    now,
                    Dimension.REGION);
            Optional<DashboardFacts> facts = liveFacts.ready();
            Optional<List<KpiRow>> rates = liveKpis.compute(byRegion, true);
            if (facts.isPresent() && rates.isPresent()) {
                return Mono.just(new Reading(now, facts.get(), rates.get()));
            }
            // Until the live models hold the whole log.
            return eventLog.upTo(now).collectList().map(events -> reading(now, events, byRegion));
        });
    }

    private Reading reading(Instant now, List<EventEnvelope<?>> events, KpiCalculator.Query byRegion) {
        return new Reading(now, DashboardFacts.fold(events), kpis.compute(events, byRegion));
    }

    private Mono<DashboardSnapshot> snapshot(Reading reading, RegionScope scope) {
        CommonIssueSource source = commonIssues.getIfAvailable();
        Mono<List<CommonIssue>> issues = source == null
                ? Mono.fromSupplier(() -> {
                    synchronized (reading.facts()) {
                        return dashboard.busiestBoards(reading.facts(), scope, reading.at());
                    }
                })
                : source.top(scope, properties.commonIssuesListed()).defaultIfEmpty(List.of());
        String sourceName = source == null ? Dashboard.BOARDS : source.name();
        return issues.map(top -> {
            synchronized (reading.facts()) {
                return dashboard.snapshot(
                        reading.facts(), reading.kpisByRegion(), scope, reading.at(), top, sourceName);
            }
        });
    }
}

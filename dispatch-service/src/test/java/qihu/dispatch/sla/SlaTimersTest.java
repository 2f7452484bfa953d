package qihu.dispatch.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import qihu.dispatch.CaseOpenedBuilder;
import qihu.dispatch.People;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.AccessPolicy;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskService;
import qihu.events.EventEnvelope;
import qihu.events.SlaColour;
import qihu.events.SlaEscalated;
import qihu.events.SlaWarningRaised;
import qihu.events.Topics;
import qihu.support.testing.MovableClock;
import qihu.support.testing.QihuServiceTest;
import qihu.support.testing.ServiceTestSupport;
import reactor.core.publisher.Flux;

/** The SLA clock under a moved clock: never by sleeping until a deadline. */
@QihuServiceTest
@Import(MovableClock.class)
// The poller stays out of the way; the tests fire the timers themselves, at the times they choose.
@TestPropertySource(properties = "qihu.dispatch.sla.poll-interval=1h")
class SlaTimersTest extends ServiceTestSupport {

    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int BATCH = 100;

    @Autowired
    SlaTimers timers;

    @Autowired
    TaskService tasks;

    @Autowired
    AccessPolicy access;

    @Autowired
    MovableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SlaMeters slaMeters;

    @BeforeEach
    void cleanStore() {
        dropDatabase();
        clock.set("2026-11-23T10:00:00+08:00");
    }

    @Test
    void aTaskTurnsYellowThenRedAndIsEscalatedOneLevelUpAtEachBreach() {
        // A general case of a Yiwu street, received Monday: yellow after Wednesday, due Thursday night.
        String taskId = assignedTask(
                CaseOpenedBuilder.aCase("sla-colours").inRegion("330782001").receivedAt("2026-11-23T10:00:00+08:00"));
        double warned = colourChanges(SlaColour.YELLOW);
        double breached = colourChanges(SlaColour.RED);
        double escalated = meters.counter("qihu.sla.escalations").count();

        clock.set("2026-11-25T23:59:58+08:00");
        fire();
        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.GREEN);

        clock.set("2026-11-26T00:00:00+08:00");
        fire();
        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.YELLOW);

        clock.set("2026-11-27T00:00:00+08:00");
        fire();
        clock.set("2026-11-28T09:00:00+08:00");
        fire();
        Task overdue = task(taskId);
        assertThat(overdue.slaColour()).isEqualTo(SlaColour.RED);
        assertThat(overdue.slaBreaches()).isEqualTo(2);
        assertThat(overdue.slaNextAt())
                .isEqualTo(OffsetDateTime.parse("2026-11-30T23:59:59+08:00").toInstant());

        List<EventEnvelope<?>> events = slaEventsOf(overdue.caseId());
        assertThat(events)
                .extracting(e ->
                        e.payload() instanceof SlaWarningRaised w ? w.colour().name() : "ESCALATED")
                .containsExactly("YELLOW", "RED", "ESCALATED", "ESCALATED");
        assertThat(events.stream()
                        .map(EventEnvelope::payload)
                        .filter(SlaEscalated.class::isInstance)
                        .map(p -> ((SlaEscalated) p).supervisingRegionCode()))
                .containsExactly("330782", "330700");
        // What the leaders' dashboards and the alert rules read: published business events by type, colour changes
        // and escalations as they fired.
        assertThat(meters.counter("qihu.events.published", "event_type", "sla.escalated")
                        .count())
                .isGreaterThanOrEqualTo(2);
        assertThat(colourChanges(SlaColour.YELLOW)).isEqualTo(warned + 1);
        assertThat(colourChanges(SlaColour.RED)).isEqualTo(breached + 1);
        assertThat(meters.counter("qihu.sla.escalations").count()).isEqualTo(escalated + 2);
    }

    @Test
    void runningTasksAreCountedByColour() {
        String overdue = assignedTask(CaseOpenedBuilder.aCase("sla-count-red").receivedAt("2026-11-23T10:00:00+08:00"));
        assignedTask(CaseOpenedBuilder.aCase("sla-count-green").receivedAt("2026-11-26T10:00:00+08:00"));
        String resolved =
                assignedTask(CaseOpenedBuilder.aCase("sla-count-resolved").receivedAt("2026-11-26T10:00:00+08:00"));
        Access li = access.of(People.handler("handler-li", "330782-esc", "330782"));
        tasks.claim(resolved, li).block();
        tasks.resolve(resolved, li, "已办结").block();
        clock.set("2026-11-28T09:00:00+08:00");
        fire();
        fire();
        assertThat(task(overdue).slaColour()).isEqualTo(SlaColour.RED);

        OpenTaskCount.count(mongo).doOnNext(slaMeters::openTasks).block();

        assertThat(openTasks(SlaColour.RED)).isEqualTo(1);
        assertThat(openTasks(SlaColour.YELLOW)).isZero();
        assertThat(openTasks(SlaColour.GREEN)).isEqualTo(1);
    }

    private double colourChanges(SlaColour colour) {
        return meters.counter("qihu.sla.colour.changes", "colour", colour.name())
                .count();
    }

    private double openTasks(SlaColour colour) {
        return meters.get("qihu.tasks.open")
                .tag("colour", colour.name())
                .gauge()
                .value();
    }

    @Test
    void timersThatFellDueWhileTheServiceWasDownAllFireOnceEachAtTheNextPolls() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-outage").receivedAt("2026-11-23T10:00:00+08:00"));

        clock.set("2026-11-30T09:00:00+08:00");
        for (int poll = 0; poll < 6; poll++) {
            fire();
        }

        Task task = task(taskId);
        assertThat(task.slaColour()).isEqualTo(SlaColour.RED);
        // Due Thursday 26th; further breaches at the ends of Friday 27th and (after the weekend) Monday 30th.
        assertThat(task.slaBreaches()).isEqualTo(2);
        assertThat(slaEventsOf(task.caseId())).hasSize(4);
    }

    @Test
    void twoPollersFiringTogetherProduceEachEventOnce() {
        List<String> taskIds = Flux.range(0, 5)
                .map(i ->
                        assignedTask(CaseOpenedBuilder.aCase("sla-race-" + i).receivedAt("2026-11-23T10:00:00+08:00")))
                .collectList()
                .block();

        clock.set("2026-11-26T00:00:00+08:00");
        Flux.merge(
                        timers.fireDue(clock.instant(), BATCH),
                        timers.fireDue(clock.instant(), BATCH),
                        timers.fireDue(clock.instant(), BATCH))
                .blockLast();

        for (String taskId : taskIds) {
            Task task = task(taskId);
            assertThat(task.slaColour()).isEqualTo(SlaColour.YELLOW);
            assertThat(slaEventsOf(task.caseId())).hasSize(1);
        }
    }

    @Test
    void aResolvedTaskHasNoMoreTimers() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-resolved").receivedAt("2026-11-23T10:00:00+08:00"));
        Access li = access.of(People.handler("handler-li", "330782-esc", "330782"));
        tasks.claim(taskId, li).block();
        tasks.resolve(taskId, li, "已办结").block();

        clock.set("2026-12-31T00:00:00+08:00");
        fire();

        assertThat(task(taskId).slaNextAt()).isNull();
        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.GREEN);
        assertThat(slaEventsOf(task(taskId).caseId())).isEmpty();
    }

    private void fire() {
        timers.fireDue(clock.instant(), BATCH).block();
    }

    private String assignedTask(CaseOpenedBuilder newCase) {
        publish(newCase.event());
        String taskId = Task.idOf(newCase.caseId(), 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findById(taskId, Task.class).block(), Objects::nonNull);
        return taskId;
    }

    private Task task(String taskId) {
        return mongo.findById(taskId, Task.class).block();
    }

    private List<EventEnvelope<?>> slaEventsOf(String caseId) {
        return eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(caseId))
                .filter(e -> e.payload() instanceof SlaWarningRaised || e.payload() instanceof SlaEscalated)
                .toList();
    }
}

package qihu.dispatch.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;
import qihu.dispatch.CaseOpenedBuilder;
import qihu.dispatch.People;
import qihu.dispatch.access.Access;
import qihu.dispatch.access.AccessPolicy;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.TaskService;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerBuckets;
import qihu.dispatch.timer.TimerEntry;
import qihu.dispatch.timer.TimerLease;
import qihu.events.EventEnvelope;
import qihu.events.NoticeKind;
import qihu.events.NoticeSent;
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
@TestPropertySource(properties = {"qihu.dispatch.sla.poll-interval=1h", "qihu.dispatch.timers.notice-poll-interval=1h"})
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
    TaskTimers timerStore;

    @Autowired
    SlaNotices notices;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SlaMeters slaMeters;

    @Autowired
    OpenTaskCounts openTaskCounts;

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

        openTaskCounts.read().doOnNext(slaMeters::openTasks).block();

        assertThat(openTasks(SlaColour.RED)).isEqualTo(1);
        assertThat(openTasks(SlaColour.YELLOW)).isZero();
        assertThat(openTasks(SlaColour.GREEN)).isEqualTo(1);
    }

    @Test
    void theOpenTaskCountsFollowEveryColourAndStatusChangeAndIgnoreRedeliveries() {
        CaseOpenedBuilder overdueCase =
                CaseOpenedBuilder.aCase("sla-counts-red").receivedAt("2026-11-23T10:00:00+08:00");
        String overdue = assignedTask(overdueCase);
        String paused =
                assignedTask(CaseOpenedBuilder.aCase("sla-counts-paused").receivedAt("2026-11-26T10:00:00+08:00"));
        assignedTask(CaseOpenedBuilder.aCase("sla-counts-green").receivedAt("2026-11-26T10:00:00+08:00"));
        assertCounts(0, 0, 3);

        // A redelivered case finds its task there already: nothing counted.
        tasks.assign(overdueCase.event()).block();
        assertCounts(0, 0, 3);

        clock.set("2026-11-26T09:00:00+08:00");
        fire();
        assertCounts(0, 1, 2);
        // Its next point armed twice: it fires once, and counts once.
        timerStore
                .sla()
                .arm(TimerEntry.of(overdue, task(overdue).slaNextAt(), clock.instant()))
                .block();
        clock.set("2026-11-28T09:00:00+08:00");
        fire();
        fire();
        assertThat(task(overdue).slaColour()).isEqualTo(SlaColour.RED);
        assertCounts(1, 0, 2);

        Access li = access.of(People.handler("handler-li", "330782-esc", "330782"));
        tasks.claim(paused, li).block();
        assertCounts(1, 0, 2);
        tasks.pause(paused, li, "等待企业补充材料").block();
        assertCounts(1, 0, 1);
        tasks.resume(paused, li).block();
        assertCounts(1, 0, 2);
        tasks.claim(overdue, li).block();
        tasks.resolve(overdue, li, "已办结").block();
        assertCounts(0, 0, 2);
    }

    /** The kept counts, and the same as counting the tasks themselves. */
    private void assertCounts(long red, long yellow, long green) {
        Map<SlaColour, Long> expected = Map.of(SlaColour.RED, red, SlaColour.YELLOW, yellow, SlaColour.GREEN, green);
        assertThat(openTaskCounts.read().block()).isEqualTo(expected);
        Map<SlaColour, Long> counted = new EnumMap<>(SlaColour.class);
        for (SlaColour colour : SlaColour.values()) {
            counted.put(
                    colour,
                    mongo.count(
                                    Query.query(Criteria.where("slaColour")
                                            .is(colour)
                                            .and("status")
                                            .in(TaskStatus.ASSIGNED, TaskStatus.CLAIMED)),
                                    Task.class)
                            .block());
        }
        assertThat(counted).isEqualTo(expected);
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
    void aPollerKilledWhileHoldingItsLeaseHoldsTheTimersBackForNoLongerThanTheLease() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-killed").receivedAt("2026-11-23T10:00:00+08:00"));
        // The poller of an instance killed (SIGKILL) during its run on Wednesday night leaves its lease behind.
        clock.set("2026-11-26T00:00:00+08:00");
        Instant leaseEnds = clock.instant().plus(Duration.ofSeconds(30));
        mongo.insert(
                        new Document("_id", "sla-timers")
                                .append("holder", "killed")
                                .append("until", Date.from(leaseEnds)),
                        TimerLease.COLLECTION)
                .block();

        clock.set("2026-11-26T00:00:29+08:00");
        fire();
        assertThat(task(taskId).slaColour())
                .as("while the dead run's lease lasts")
                .isEqualTo(SlaColour.GREEN);

        clock.set("2026-11-26T00:00:31+08:00");
        fire();
        assertThat(task(taskId).slaColour())
                .as("once the lease has lapsed (30 s)")
                .isEqualTo(SlaColour.YELLOW);
        assertThat(slaEventsOf(task(taskId).caseId())).hasSize(1);
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

    @Test
    void aResolvedOrPausedTaskLeavesNoTimerBehindAndAClaimCancelsTheClaimTimer() {
        String resolved =
                assignedTask(CaseOpenedBuilder.aCase("sla-cancel-resolved").receivedAt("2026-11-23T10:00:00+08:00"));
        String paused =
                assignedTask(CaseOpenedBuilder.aCase("sla-cancel-paused").receivedAt("2026-11-23T10:00:00+08:00"));
        assertThat(armed(TaskTimers.SLA, resolved)).containsExactly(instant("2026-11-25T23:59:59+08:00"));
        assertThat(armed(TaskTimers.CLAIMS, resolved)).hasSize(1);
        Access li = access.of(People.handler("handler-li", "330782-esc", "330782"));

        tasks.claim(resolved, li).block();
        assertThat(armed(TaskTimers.CLAIMS, resolved)).isEmpty();
        tasks.resolve(resolved, li, "已办结").block();
        tasks.claim(paused, li).block();
        tasks.pause(paused, li, "等待企业补充材料").block();

        assertThat(armed(TaskTimers.SLA, resolved)).isEmpty();
        assertThat(armed(TaskTimers.SLA, paused)).isEmpty();
    }

    @Test
    void anExtensionMovesTheTimerSoTheOldPointFiresNothingAndTheNewOneFires() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-moved").receivedAt("2026-11-23T10:00:00+08:00"));
        Access li = access.of(People.handler("handler-li", "330782-esc", "330782"));
        Access supervisor = access.of(People.YIWU_SUPERVISOR);
        tasks.claim(taskId, li).block();
        tasks.requestExtension(taskId, li, 2, "需要现场核查").block();
        tasks.approveExtension(taskId, supervisor).block();
        // 5 working days from Monday 23rd: yellow at the end of day 4, Friday 27th, instead of Wednesday 25th.
        assertThat(armed(TaskTimers.SLA, taskId)).containsExactly(instant("2026-11-27T23:59:59+08:00"));

        clock.set("2026-11-26T09:00:00+08:00");
        fire();
        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.GREEN);

        clock.set("2026-11-28T00:00:00+08:00");
        fire();
        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.YELLOW);
        assertThat(armed(TaskTimers.SLA, taskId)).containsExactly(task(taskId).dueAt());
    }

    @Test
    void aCrashBetweenPublishingAndMarkingPublishesTheSameEventIdAgainSoConsumersSeeOneWarning() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-crash").receivedAt("2026-11-23T10:00:00+08:00"));
        Task before = task(taskId);
        clock.set("2026-11-26T00:00:00+08:00");
        fire();
        // As if the poller died after publishing: the task unmarked, its timer still in its bucket.
        mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(taskId)),
                        new Update().set("slaColour", SlaColour.GREEN).set("slaNextAt", before.slaNextAt()),
                        Task.class)
                .block();
        timerStore
                .sla()
                .arm(TimerEntry.of(taskId, before.slaNextAt(), clock.instant()))
                .block();

        clock.set("2026-11-26T00:05:00+08:00");
        fire();

        List<EventEnvelope<?>> published = slaEventsOf(before.caseId());
        assertThat(published).hasSize(2);
        assertThat(published.stream().map(EventEnvelope::eventId).distinct()).hasSize(1);
        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.YELLOW);
    }

    @Test
    void aTimerWhoseTaskNeverGotThePointIsDroppedOnceSettledWithoutFiring() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-stale").receivedAt("2026-11-23T10:00:00+08:00"));
        // Armed for a move whose task update never came (a crash, a lost race).
        timerStore
                .sla()
                .arm(TimerEntry.of(taskId, instant("2026-11-24T12:00:00+08:00"), clock.instant()))
                .block();

        clock.set("2026-11-24T12:00:00+08:00");
        fire();

        assertThat(task(taskId).slaColour()).isEqualTo(SlaColour.GREEN);
        assertThat(armed(TaskTimers.SLA, taskId)).containsExactly(instant("2026-11-25T23:59:59+08:00"));
        assertThat(slaEventsOf(task(taskId).caseId())).isEmpty();
    }

    @Test
    void aWarningFiredAtTwoOnSaturdayNightIsPublishedAtOnceAndItsNoticeOnMondayAtOpening() {
        // Received Wednesday: yellow at the end of Friday 27th; the poller was down until Saturday 02:00.
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-notice").receivedAt("2026-11-25T10:00:00+08:00"));
        String caseId = task(taskId).caseId();

        clock.set("2026-11-28T02:00:00+08:00");
        fire();
        assertThat(notices.sendDue(clock.instant(), BATCH).block()).isZero();
        clock.set("2026-11-30T08:29:59+08:00");
        assertThat(notices.sendDue(clock.instant(), BATCH).block()).isZero();

        List<EventEnvelope<?>> warnings = slaEventsOf(caseId);
        assertThat(warnings).hasSize(1);
        assertThat(((SlaWarningRaised) warnings.get(0).payload()).noticeAt())
                .isEqualTo(instant("2026-11-30T08:30:00+08:00"));
        assertThat(noticesOf(caseId)).isEmpty();

        clock.set("2026-11-30T08:30:00+08:00");
        assertThat(notices.sendDue(clock.instant(), BATCH).block()).isEqualTo(1);
        assertThat(notices.sendDue(clock.instant(), BATCH).block()).isZero();

        List<NoticeSent> sent = noticesOf(caseId);
        assertThat(sent).hasSize(1);
        NoticeSent notice = sent.get(0);
        assertThat(notice.kind()).isEqualTo(NoticeKind.WARNING);
        assertThat(notice.recipientDepartmentId()).isEqualTo(task(taskId).departmentId());
        assertThat(notice.noticeAt()).isEqualTo(instant("2026-11-30T08:30:00+08:00"));
        assertThat(notice.firedAt()).isEqualTo(instant("2026-11-28T02:00:00+08:00"));
        assertThat(notice.causeEventId()).isEqualTo(warnings.get(0).eventId());
    }

    @Test
    void anEscalationNoticeGoesToTheSupervisingRegionAtTheNextOpening() {
        String taskId = assignedTask(CaseOpenedBuilder.aCase("sla-notice-red")
                .inRegion("330782001")
                .receivedAt("2026-11-23T10:00:00+08:00"));
        String caseId = task(taskId).caseId();
        clock.set("2026-11-26T00:00:00+08:00");
        fire();
        clock.set("2026-11-27T00:00:01+08:00");
        fire();

        clock.set("2026-11-27T08:30:00+08:00");
        notices.sendDue(clock.instant(), BATCH).block();

        assertThat(noticesOf(caseId))
                .extracting(n -> n.kind() + " " + n.recipientRegionCode())
                .containsExactlyInAnyOrder("WARNING 330782001", "OVERDUE 330782001", "ESCALATION 330782");
    }

    private List<NoticeSent> noticesOf(String caseId) {
        return eventsOn(Topics.CASE_LIFECYCLE, QUIET).stream()
                .filter(e -> e.key().equals(caseId))
                .map(EventEnvelope::payload)
                .filter(NoticeSent.class::isInstance)
                .map(NoticeSent.class::cast)
                .toList();
    }

    /** The points armed for a task in a timer collection. */
    private List<Instant> armed(String collection, String taskId) {
        return mongo.findAll(Document.class, collection)
                .flatMapIterable(TimerBuckets::timersIn)
                .filter(timer -> taskId.equals(timer.key()))
                .map(TimerEntry::at)
                .collectList()
                .block();
    }

    private static Instant instant(String at) {
        return OffsetDateTime.parse(at).toInstant();
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

package qihu.dispatch.calendar;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.calendar.CalendarNotLoadedException;
import qihu.calendar.HolidayDataException;
import qihu.calendar.HolidayYear;
import qihu.calendar.HolidayYearParser;
import qihu.calendar.WorkingDayCalendar;
import qihu.dispatch.sla.SlaSchedule;
import qihu.dispatch.task.Task;
import qihu.dispatch.task.Task.HistoryEntry;
import qihu.dispatch.task.TaskStatus;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerChanges;
import qihu.dispatch.timer.TimerChanges.Kind;
import qihu.events.SlaColour;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads a new year's holiday file at run time (the State Council publishes it each autumn): the calendar in force is
 * replaced, the file is stored for other instances and restarts, every open task's deadline and next SLA point are
 * recomputed, and the change is audited.
 */
@Service
public class CalendarYears {

    private static final Logger log = LoggerFactory.getLogger(CalendarYears.class);
    private static final List<TaskStatus> OPEN = List.of(TaskStatus.ASSIGNED, TaskStatus.CLAIMED);

    private final ReactiveMongoTemplate mongo;
    private final CalendarHolder holder;
    private final SlaSchedule schedule;
    private final Clock clock;
    private final TaskTimers timers;

    public CalendarYears(
            ReactiveMongoTemplate mongo, CalendarHolder holder, SlaSchedule schedule, Clock clock, TaskTimers timers) {
        this.mongo = mongo;
        this.holder = holder;
        this.schedule = schedule;
        this.clock = clock;
        this.timers = timers;
    }

    public record Loaded(int year, int listedDays, long recomputedTasks, List<Integer> coveredYears) {}

    public Mono<Loaded> load(int year, String json, String by) {
        HolidayYear holidays;
        WorkingDayCalendar extended;
        try {
            holidays = HolidayYearParser.parse(json, "the uploaded file for " + year);
            if (holidays.year() != year) {
                throw new InvalidInputException("year", "the file is for " + holidays.year() + ", not " + year);
            }
            extended = holder.calendar().withYear(holidays);
        } catch (HolidayDataException e) {
            return Mono.error(new InvalidInputException("body", e.getMessage()));
        }
        Instant now = clock.instant();
        return mongo.save(new StoredYear(year, json, now, by))
                .then(Mono.fromRunnable(() -> holder.replace(extended)))
                .then(recomputeOpenDeadlines(year))
                .flatMap(recomputed -> mongo.insert(new CalendarAudit(
                                UUID.randomUUID().toString(),
                                year,
                                now,
                                by,
                                holidays.days().size(),
                                recomputed))
                        .thenReturn(new Loaded(
                                year, holidays.days().size(), recomputed, List.copyOf(extended.coveredYears()))))
                .doOnNext(loaded -> log.info(
                        "{} loaded the {} holiday calendar; {} open deadlines recomputed",
                        by,
                        year,
                        loaded.recomputedTasks()));
    }

    /** Applies the years stored by earlier loads (by this or another instance) to the calendar in force. */
    public Mono<List<Integer>> applyStoredYears() {
        return mongo.findAll(StoredYear.class)
                .sort((a, b) -> Integer.compare(a.year(), b.year()))
                .filter(stored -> !holder.calendar().coveredYears().contains(stored.year()))
                .doOnNext(stored -> holder.replace(holder.calendar()
                        .withYear(HolidayYearParser.parse(stored.json(), "stored holiday year " + stored.year()))))
                .map(StoredYear::year)
                .collectList();
    }

    public Flux<CalendarAudit> audit() {
        return mongo.findAll(CalendarAudit.class).sort((a, b) -> b.at().compareTo(a.at()));
    }

    /** Emits how many open tasks got a new deadline. */
    private Mono<Long> recomputeOpenDeadlines(int year) {
        return mongo.find(query(where("status").in(OPEN)).with(Sort.by("_id")), Task.class)
                .concatMap(task -> recompute(task, year))
                .count();
    }

    private Mono<Task> recompute(Task task, int year) {
        Instant dueAt;
        Instant nextAt;
        try {
            dueAt = schedule.dueAt(task.startedAt(), task.budget());
            nextAt = switch (task.slaColour() == null ? SlaColour.GREEN : task.slaColour()) {
                case GREEN -> schedule.warnAt(task.startedAt(), task.budget());
                case YELLOW -> dueAt;
                case RED -> schedule.breachAt(task.startedAt(), task.budget(), task.slaBreaches() + 1);
            };
        } catch (CalendarNotLoadedException stillUnknown) {
            return Mono.empty();
        }
        if (dueAt.equals(task.dueAt()) && nextAt.equals(task.slaNextAt())) {
            return Mono.empty();
        }
        Update update = new Update()
                .set("dueAt", dueAt)
                .set("slaNextAt", nextAt)
                .set("deadlinePending", false)
                .push(
                        "history",
                        new HistoryEntry(
                                clock.instant(),
                                "DEADLINE_RECOMPUTED",
                                "calendar",
                                year + " holidays loaded: due " + task.dueAt() + " → " + dueAt));
        TimerChanges changes = new TimerChanges().move(Kind.SLA, task.taskId(), task.slaNextAt(), nextAt);
        return timers.arm(changes)
                .then(mongo.updateFirst(
                        query(where("_id").is(task.taskId()).and("status").in(OPEN)), update, Task.class))
                .filter(result -> result.getModifiedCount() == 1)
                .flatMap(result -> timers.cancel(changes).thenReturn(task));
    }
}

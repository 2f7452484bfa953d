package qihu.dispatch.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Service;
import qihu.dispatch.task.Task;
import qihu.dispatch.timer.BulkPublisher;
import qihu.dispatch.timer.BulkPublisher.Outgoing;
import qihu.dispatch.timer.TaskTimers;
import qihu.dispatch.timer.TimerBuckets;
import qihu.dispatch.timer.TimerBuckets.Drained;
import qihu.dispatch.timer.TimerEntry;
import qihu.events.EventCodec;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.NoticeKind;
import qihu.events.NoticeSent;
import qihu.events.SlaColour;
import qihu.events.SlaEscalated;
import qihu.events.SlaWarningRaised;
import reactor.core.publisher.Mono;

/**
 * Notices to people wait for working hours (timers do not): each yellow or red colour change and each escalation
 * (督办) arms a notice timer at its event's {@code noticeAt}; when that comes, a {@code notice.sent} for the
 * department's handlers (warnings) or the supervising region's supervisors (escalations) is published. Its id is
 * derived from the causing event's, so a notice armed twice (a re-fired timer) is still one notice downstream.
 */
@Service
public class SlaNotices {

    private static final String TOPIC = "topic";
    private static final String PARTITION_KEY = "key";
    private static final String JSON = "json";

    private final TaskTimers timers;
    private final EventCodec codec;
    private final BulkPublisher publisher;

    public SlaNotices(TaskTimers timers, EventCodec codec, BulkPublisher publisher) {
        this.timers = timers;
        this.codec = codec;
        this.publisher = publisher;
    }

    /** Arms the notices of the SLA events a task's timer or transition produced. */
    public Mono<Void> arm(Task task, List<EventEnvelope<?>> events, Instant now) {
        return timers.notices().armAll(noticesOf(task, events, now));
    }

    /** The notice timers of {@code events}: one per warning (yellow, red) and escalation; none for green. */
    public List<TimerEntry> noticesOf(Task task, List<EventEnvelope<?>> events, Instant now) {
        List<TimerEntry> notices = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            NoticeSent notice = null;
            if (event.payload() instanceof SlaWarningRaised warning && warning.colour() != SlaColour.GREEN) {
                notice = new NoticeSent(
                        task.caseId(),
                        task.taskId(),
                        task.round(),
                        warning.colour() == SlaColour.RED ? NoticeKind.OVERDUE : NoticeKind.WARNING,
                        task.regionCode(),
                        task.departmentId(),
                        warning.dueAt(),
                        event.occurredAt(),
                        noticeAt(warning.noticeAt(), event),
                        event.eventId());
            } else if (event.payload() instanceof SlaEscalated escalated) {
                notice = new NoticeSent(
                        task.caseId(),
                        task.taskId(),
                        task.round(),
                        NoticeKind.ESCALATION,
                        escalated.supervisingRegionCode(),
                        null,
                        escalated.dueAt(),
                        event.occurredAt(),
                        noticeAt(escalated.noticeAt(), event),
                        event.eventId());
            }
            if (notice != null) {
                EventEnvelope<NoticeSent> envelope = EventEnvelope.of(
                        EventIds.of(EventType.NOTICE_SENT, event.eventId()),
                        notice.noticeAt(),
                        event.correlationId(),
                        notice);
                notices.add(new TimerEntry(
                        TimerBuckets.groupedKey(task.taskId(), envelope.eventId()),
                        notice.noticeAt(),
                        now,
                        new Document(TOPIC, envelope.topic())
                                .append(PARTITION_KEY, envelope.key())
                                .append(JSON, codec.encodeToString(envelope))));
            }
        }
        return notices;
    }

    private static Instant noticeAt(Instant noticeAt, EventEnvelope<?> event) {
        return noticeAt == null ? event.occurredAt() : noticeAt;
    }

    /** Publishes the notices due at {@code now}, under the notice poller's lease; emits how many were sent. */
    public Mono<Long> sendDue(Instant now, int chunk) {
        return timers.lease().run("notices", () -> timers.notices().drain(now, chunk, this::send), 0L);
    }

    private Mono<Drained> send(List<TimerEntry> entries) {
        Map<String, List<TimerEntry>> dueByNotice = new LinkedHashMap<>();
        for (TimerEntry entry : entries) {
            dueByNotice.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
        }
        return publisher
                .publishAll(List.copyOf(dueByNotice.values()), copies -> {
                    Document notice = copies.get(0).data();
                    return List.of(new Outgoing(
                            EventType.NOTICE_SENT.wireName(),
                            notice.getString(TOPIC),
                            notice.getString(PARTITION_KEY),
                            notice.getString(JSON)));
                })
                .map(sent -> new Drained(sent.stream().flatMap(List::stream).toList(), sent.size()));
    }
}

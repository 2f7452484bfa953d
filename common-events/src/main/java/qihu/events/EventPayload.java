package qihu.events;

/**
 * The typed body of an event. The set is closed: a new kind of event is a new record here, a new {@link EventType}
 * and a new JSON Schema.
 */
public sealed interface EventPayload permits RequestReceived, CaseEvent, ReportPublished {

    /** The Kafka key: events with the same key stay in order. */
    String partitionKey();
}

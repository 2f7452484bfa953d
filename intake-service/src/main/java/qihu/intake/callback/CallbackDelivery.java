package qihu.intake.callback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One answer to one channel about one of its requests, with its delivery log. The id is derived from the request and
 * the event that changed the case, so the same change is never queued twice for the same request.
 *
 * @param body the notice in the channel's own shape, exactly as it is (re-)sent
 * @param nextAttemptAt when a pending delivery is due; a dead one is not due until re-driven
 * @param leasedUntil while set in the future, one instance is sending it and no other may
 * @param attempts the delivery log, oldest first
 */
@Document(CallbackDelivery.COLLECTION)
@CompoundIndex(name = "due", def = "{'state': 1, 'nextAttemptAt': 1}")
public record CallbackDelivery(
        @Id String id,
        String requestId,
        @Indexed String channel,
        String channelRequestId,
        @Indexed String caseId,
        String eventId,
        String url,
        Map<String, Object> body,
        DeliveryState state,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant leasedUntil,
        Instant deliveredAt,
        String lastError,
        int redrives,
        List<Attempt> attempts) {

    public static final String COLLECTION = "callbacks";

    public enum DeliveryState {
        PENDING,
        DELIVERED,
        /** Retries exhausted, or refused by the channel: waits in the dead-letter list for a re-drive. */
        DEAD
    }

    /**
     * One call to the channel's callback.
     *
     * @param outcome {@code DELIVERED}, {@code FAILED} (will be retried), {@code REFUSED} (a 4xx: not retried),
     *     {@code DEFERRED} (the channel's breaker was open or its bulkhead full: not called at all)
     * @param httpStatus the channel's answer, 0 if none came
     */
    public record Attempt(Instant at, String outcome, int httpStatus, long millis, String error) {}
}

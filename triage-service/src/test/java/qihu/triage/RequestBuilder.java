package qihu.triage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventMother;
import qihu.events.EventType;
import qihu.events.RequestReceived;

/**
 * A request.received event as intake would publish it; by default EventMother's hotline request from 义乌市鸿达, received
 * Friday 2026-11-20 09:30 in Shanghai.
 */
public final class RequestBuilder {

    public static final Enterprise HONGDA = EventMother.ENTERPRISE;
    public static final Enterprise KEDA = new Enterprise("914403001922038216", "义乌市科达电子有限公司");

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String requestId;
    private String channel = "hotline-12345";
    private Enterprise enterprise = HONGDA;
    private String title = EventMother.requestReceived().title();
    private String content = EventMother.requestReceived().content();
    private Instant receivedAt =
            OffsetDateTime.parse("2026-11-20T09:30:00+08:00").toInstant();

    private RequestBuilder(String requestId) {
        this.requestId = requestId;
    }

    /** A request with a fresh id starting with {@code label}: topics keep the events of earlier tests. */
    public static RequestBuilder aRequest(String label) {
        return new RequestBuilder("req-" + label + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime());
    }

    public RequestBuilder via(String channel) {
        this.channel = channel;
        return this;
    }

    public RequestBuilder from(Enterprise enterprise) {
        this.enterprise = enterprise;
        return this;
    }

    public RequestBuilder saying(String content) {
        this.content = content;
        return this;
    }

    public RequestBuilder titled(String title) {
        this.title = title;
        return this;
    }

    public RequestBuilder receivedAt(String isoOffsetDateTime) {
        this.receivedAt = OffsetDateTime.parse(isoOffsetDateTime).toInstant();
        return this;
    }

    public String requestId() {
        return requestId;
    }

    /** The id triage gives the case this request opens. */
    public String caseId() {
        return requestId.replaceFirst("^req-", "case-");
    }

    public RequestReceived build() {
        RequestReceived sample = EventMother.requestReceived();
        return new RequestReceived(
                requestId,
                channel,
                channel + "-" + requestId,
                enterprise,
                sample.regionCode(),
                title,
                content,
                sample.contact(),
                sample.attachments(),
                receivedAt);
    }

    public EventEnvelope<RequestReceived> event() {
        return EventEnvelope.of(
                EventIds.of(EventType.REQUEST_RECEIVED, requestId), receivedAt.plusSeconds(2), requestId, build());
    }
}

package qihu.intake.request;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.RequestReceived;
import qihu.intake.channel.ChannelProperties;
import qihu.intake.enterprise.EnterpriseDirectory;
import qihu.intake.enterprise.EnterpriseDirectory.Resolution;
import qihu.intake.enterprise.EnterpriseIdentity;
import qihu.support.GroupCommit;
import qihu.support.UnorderedInsert;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxEntry;
import qihu.support.outbox.OutboxRelay;
import qihu.support.web.ConflictException;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import reactor.core.publisher.Mono;

/**
 * Accepts a request: identifies its enterprise (by credit code, or by name in the directory), validates it, stores it with its pending {@code request.received} event in one insert, and
 * hands the event to the relay. Accepted means stored; publishing may happen later (the broker may be away).
 */
@Service
public class RequestAcceptance {

    private final ReactiveMongoTemplate mongo;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RequestRules rules;
    private final EnterpriseDirectory directory;
    private final Clock clock;
    private final AcceptanceMeters meters;
    /** Requests of concurrent callers are stored together, one insert command per batch. */
    private final GroupCommit<IntakeRequest, Boolean> inserts;

    public RequestAcceptance(
            ReactiveMongoTemplate mongo,
            Outbox outbox,
            OutboxRelay relay,
            ChannelProperties channels,
            EnterpriseDirectory directory,
            Clock clock,
            MeterRegistry meterRegistry) {
        this.mongo = mongo;
        this.directory = directory;
        this.outbox = outbox;
        this.relay = relay;
        this.rules = new RequestRules(Set.copyOf(channels.channels().keySet()));
        this.clock = clock;
        this.meters = new AcceptanceMeters(meterRegistry, channels.channels().keySet());
        this.inserts = new GroupCommit<>(this::insert);
    }

    /** Stores a batch of requests in one command; false for a request whose id was stored before. */
    private Mono<List<Boolean>> insert(List<IntakeRequest> requests) {
        List<Document> documents = requests.stream()
                .map(request -> {
                    Document document = new Document();
                    mongo.getConverter().write(request, document);
                    return document;
                })
                .toList();
        return UnorderedInsert.insert(mongo, IntakeRequest.COLLECTION, documents);
    }

    /** The outcome for the channel: the stored request, and whether this call stored it or an earlier one did. */
    public record Accepted(IntakeRequest request, boolean replayed) {}

    /** A canonical request, as sent to {@code POST /api/v1/requests}. */
    public Mono<Accepted> accept(CanonicalRequest request) {
        return accept(request, FieldNames.CANONICAL, List.of());
    }

    /**
     * A request a channel adapter mapped: violations are reported in the channel's names, together with what the
     * adapter already found wrong. Nothing is stored unless both are empty.
     */
    public Mono<Accepted> accept(CanonicalRequest sent, FieldNames names, List<FieldViolation> foundByAdapter) {
        return directory
                .resolve(sent.enterprise(), sent.regionCode())
                .flatMap(resolution -> accept(sent, resolution, names, foundByAdapter));
    }

    private Mono<Accepted> accept(
            CanonicalRequest sent, Resolution resolution, FieldNames names, List<FieldViolation> foundByAdapter) {
        Instant now = clock.instant();
        CanonicalRequest request = sent.withEnterprise(resolution.enterprise(), resolution.regionCode());
        var violations = names.report(foundByAdapter, rules.violations(request, now));
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidInputException(violations));
        }
        IntakeRequest stored = toStored(request, fingerprint(sent), resolution.identity(), now);
        return inserts.submit(stored)
                .flatMap(inserted -> inserted ? Mono.just(new Accepted(stored, false)) : replay(stored))
                .doOnNext(accepted -> {
                    if (!accepted.replayed()) {
                        relay.relayInserted(IntakeRequest.COLLECTION, stored.requestId(), stored.outbox())
                                .subscribe();
                    }
                })
                .doOnNext(meters::count);
    }

    private Mono<Accepted> replay(IntakeRequest attempted) {
        return mongo.findById(attempted.requestId(), IntakeRequest.class).map(original -> {
            if (!original.fingerprint().equals(attempted.fingerprint())) {
                throw new ConflictException("channelRequestId " + attempted.channelRequestId() + " of channel "
                        + attempted.channel() + " was already used for a different request (" + original.requestId()
                        + "); use a new id for a new request");
            }
            return new Accepted(original, true);
        });
    }

    private IntakeRequest toStored(
            CanonicalRequest request, String fingerprint, EnterpriseIdentity identity, Instant now) {
        String requestId = RequestIds.of(request.channel(), request.channelRequestId());
        Instant receivedAt =
                request.receivedAt() == null ? now : request.receivedAt().toInstant();
        RequestReceived received = new RequestReceived(
                requestId,
                request.channel(),
                request.channelRequestId(),
                request.enterprise(),
                request.regionCode(),
                request.title().strip(),
                request.content().strip(),
                request.contact(),
                request.attachments(),
                receivedAt);
        EventEnvelope<RequestReceived> event =
                EventEnvelope.of(EventIds.of(EventType.REQUEST_RECEIVED, requestId), now, requestId, received);
        List<OutboxEntry> pending = outbox.entries(event);
        return new IntakeRequest(
                requestId,
                received.channel(),
                received.channelRequestId(),
                received.enterprise(),
                identity,
                received.regionCode(),
                received.title(),
                received.content(),
                received.contact(),
                received.attachments(),
                Map.copyOf(request.channelDetails()),
                receivedAt,
                now,
                fingerprint,
                null,
                null,
                pending,
                now);
    }

    /**
     * What the channel said, without the times that differ between a request and its re-send, and before the
     * directory filled anything in: a re-send matches even when the directory has changed since.
     */
    private static String fingerprint(CanonicalRequest r) {
        String canonical = String.join(
                "\u0001",
                String.valueOf(r.enterprise()),
                String.valueOf(r.regionCode()),
                r.title().strip(),
                r.content().strip(),
                String.valueOf(r.contact()),
                String.valueOf(r.attachments()));
        return HexFormat.of().formatHex(Sha256.of(canonical));
    }
}

package qihu.intake.callback;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.intake.callback.CallbackDelivery.DeliveryState;
import qihu.intake.channel.ChannelAdapters;
import qihu.intake.channel.ChannelMapper;
import qihu.intake.progress.CaseProgress;
import qihu.intake.request.IntakeRequest;
import qihu.intake.request.Sha256;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 一个口子出: every change of a case is told to every request the case holds, through the channel each came from and
 * in that channel's shape. Queues one {@link CallbackDelivery} per request and change (its id derived from both, so
 * a redelivered event or a change seen from both sides queues nothing new) and has the {@link CallbackDispatcher}
 * send it at once; the dispatcher's poll picks up whatever that did not finish.
 */
public class AnswerBack {

    private static final Logger log = LoggerFactory.getLogger(AnswerBack.class);
    private static final int ID_BYTES = 12;

    private final ReactiveMongoTemplate mongo;
    private final CallbackProperties properties;
    private final ChannelAdapters adapters;
    private final CallbackDispatcher dispatcher;
    private final Clock clock;

    public AnswerBack(
            ReactiveMongoTemplate mongo,
            CallbackProperties properties,
            ChannelAdapters adapters,
            CallbackDispatcher dispatcher,
            Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.adapters = adapters;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** The case changed: answer every request it holds. */
    public Mono<Void> caseChanged(CaseProgress progress) {
        List<String> requestIds = progress.requestIds() == null ? List.of() : progress.requestIds();
        return Flux.fromIterable(requestIds)
                .concatMap(requestId -> mongo.findById(requestId, IntakeRequest.class))
                .concatMap(request -> enqueue(request, progress))
                .then();
    }

    /** A request joined a case (opened for it, or merged into it): tell its channel where the case stands. */
    public Mono<Void> requestLinked(IntakeRequest request, CaseProgress progress) {
        return enqueue(request, progress);
    }

    public static String deliveryId(String requestId, String eventId) {
        return "cb-" + HexFormat.of().formatHex(Sha256.of(requestId + '\n' + eventId), 0, ID_BYTES);
    }

    private Mono<Void> enqueue(IntakeRequest request, CaseProgress progress) {
        Optional<URI> callback = properties.urlOf(request.channel());
        if (callback.isEmpty() || progress.lastEventId() == null) {
            return Mono.empty();
        }
        String id = deliveryId(request.requestId(), progress.lastEventId());
        AnswerShape shape = adapters.adapterOf(request.channel())
                .map(ChannelMapper::answerShape)
                .orElse(AnswerShape.CANONICAL);
        Notice notice = new Notice(
                id,
                request.channelRequestId(),
                progress.caseNumber(),
                progress.status(),
                progress.departmentName(),
                progress.dueAt(),
                progress.reply(),
                progress.closeReason(),
                progress.rating(),
                progress.ratingLink(),
                progress.updatedAt());
        Instant now = clock.instant();
        CallbackDelivery delivery = new CallbackDelivery(
                id,
                request.requestId(),
                request.channel(),
                request.channelRequestId(),
                progress.caseId(),
                progress.lastEventId(),
                callback.get().toString(),
                shape.render(notice),
                DeliveryState.PENDING,
                now,
                now,
                null,
                null,
                null,
                0,
                List.of());
        return mongo.insert(delivery)
                .doOnNext(queued -> dispatcher.deliverSoon(queued.id()))
                .onErrorResume(DuplicateKeyException.class, alreadyQueued -> {
                    log.debug("answer {} to {} already queued", id, request.channel());
                    return Mono.empty();
                })
                .then();
    }
}

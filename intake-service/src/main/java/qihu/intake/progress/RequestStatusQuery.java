package qihu.intake.progress;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;
import qihu.intake.request.IntakeRequest;
import qihu.intake.request.RequestIds;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Mono;

/** A request's status as its channel sees it: the request joined with its case's progress. */
@Service
public class RequestStatusQuery {

    private final ReactiveMongoTemplate mongo;

    public RequestStatusQuery(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<RequestStatusView> byRequestId(String requestId) {
        return mongo.findById(requestId, IntakeRequest.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no request " + requestId)))
                .flatMap(this::withProgress);
    }

    public Mono<RequestStatusView> byChannelId(String channel, String channelRequestId) {
        return mongo.findById(RequestIds.of(channel, channelRequestId), IntakeRequest.class)
                .switchIfEmpty(
                        Mono.error(new NotFoundException("channel " + channel + " has no request " + channelRequestId)))
                .flatMap(this::withProgress);
    }

    public Mono<RequestStatusView> withProgress(IntakeRequest request) {
        if (request.caseId() == null) {
            return Mono.just(view(request, null));
        }
        return mongo.findById(request.caseId(), CaseProgress.class)
                .map(progress -> view(request, progress))
                .defaultIfEmpty(view(request, null));
    }

    private static RequestStatusView view(IntakeRequest r, CaseProgress p) {
        CaseStatus status = p != null ? p.status() : r.caseId() != null ? CaseStatus.CASE_OPENED : CaseStatus.RECEIVED;
        return new RequestStatusView(
                r.requestId(),
                r.channel(),
                r.channelRequestId(),
                r.enterpriseIdentity(),
                status,
                r.caseId(),
                r.caseNumber(),
                p == null ? null : p.departmentName(),
                p == null ? null : p.dueAt(),
                p == null ? null : p.reply(),
                p == null ? null : p.ratingLink(),
                r.receivedAt(),
                p == null ? r.acceptedAt() : p.updatedAt());
    }
}

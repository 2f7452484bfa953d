package qihu.intake.open311;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import qihu.intake.channel.ChannelItem;
import qihu.intake.channel.Findings;
import qihu.intake.open311.Open311Properties.ServiceBoard;
import qihu.intake.open311.Open311Views.Found;
import qihu.intake.progress.RequestStatusQuery;
import qihu.intake.request.IntakeRequest;
import qihu.intake.request.RequestAcceptance;
import qihu.intake.request.RequestAcceptance.Accepted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open311's requests: posted ones are accepted exactly as a channel's (one insert with the outbox, replay by id);
 * read ones are a channel's own requests that came through Open311, with their case's progress.
 */
class Open311Requests {

    private static final String SERVICE_CODE = "channelDetails." + Open311Views.SERVICE_CODE;
    /** Progress lookups in flight at once while a search streams its requests. */
    private static final int LOOKUPS = 8;

    private final RequestAcceptance acceptance;
    private final RequestStatusQuery status;
    private final ReactiveMongoTemplate mongo;
    private final Open311Mapper mapper;
    private final int maxResults;
    private final Clock clock;

    Open311Requests(
            RequestAcceptance acceptance,
            RequestStatusQuery status,
            ReactiveMongoTemplate mongo,
            Open311Mapper mapper,
            int maxResults,
            Clock clock) {
        this.acceptance = acceptance;
        this.status = status;
        this.mongo = mongo;
        this.mapper = mapper;
        this.maxResults = maxResults;
        this.clock = clock;
    }

    Mono<Accepted> submit(String channel, ServiceBoard service, Open311Form form) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Findings.CHINA);
        ChannelItem item = mapper.map(channel, service, form, today);
        return acceptance.accept(item.request(), item.names(), item.violations());
    }

    /** The channel's Open311 requests that match, newest first, at most {@code max-results}. */
    Flux<Found> search(String channel, RequestSearch search) {
        Criteria criteria = where("channel").is(channel);
        if (search.byId()) {
            criteria = criteria.and("_id").in(search.ids()).and(SERVICE_CODE).exists(true);
        } else {
            criteria = criteria.and("receivedAt").gte(search.start()).lte(search.end());
            criteria = search.serviceCodes().isEmpty()
                    ? criteria.and(SERVICE_CODE).exists(true)
                    : criteria.and(SERVICE_CODE).in(search.serviceCodes());
        }
        Query query = query(criteria).with(Sort.by(Sort.Direction.DESC, "receivedAt"));
        if (search.statuses().isEmpty()) {
            query.limit(maxResults);
        }
        return mongo.find(query, IntakeRequest.class)
                .flatMapSequential(this::withProgress, LOOKUPS)
                .filter(found -> search.statuses().isEmpty()
                        || search.statuses().contains(Open311Views.statusOf(found.status())))
                .take(maxResults);
    }

    /** One of the channel's Open311 requests; another channel's, or one not posted over Open311, is not found. */
    Mono<Found> one(String channel, String requestId) {
        return mongo.findById(requestId, IntakeRequest.class)
                .filter(request -> channel.equals(request.channel())
                        && request.channelDetails() != null
                        && request.channelDetails().containsKey(Open311Views.SERVICE_CODE))
                .switchIfEmpty(Mono.error(
                        Open311Exception.notFound("service_request_id", "no request " + requestId + " of yours")))
                .flatMap(this::withProgress);
    }

    private Mono<Found> withProgress(IntakeRequest request) {
        return status.withProgress(request).map(view -> new Found(request, view));
    }
}

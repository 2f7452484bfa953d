package qihu.evaluation.stats;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.unwind;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.EnumMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import qihu.evaluation.feedback.CaseState;
import qihu.evaluation.feedback.EvaluatedCase;
import qihu.events.CloseReason;
import qihu.events.Rating;
import reactor.core.publisher.Mono;

/** Simple counts over all cases; the full KPI set (办结率, 满意率, ...) comes with the evaluation issue. */
@RestController
@RequestMapping("/api/v1/stats")
public class StatsController {

    private final ReactiveMongoTemplate mongo;

    public StatsController(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record Counts(
            long cases,
            long mergedRequests,
            long open,
            long awaitingFeedback,
            long reopened,
            long closed,
            long closedByDefault,
            Map<Rating, Long> ratings) {}

    @GetMapping
    public Mono<Counts> counts() {
        Mono<Long> cases = mongo.count(new Query(), EvaluatedCase.class);
        Mono<Long> merged = sum("mergedRequestIds");
        Mono<Long> open = inState(CaseState.OPEN);
        Mono<Long> awaiting = inState(CaseState.AWAITING_FEEDBACK);
        Mono<Long> reopened = mongo.count(query(where("reopenCount").gt(0)), EvaluatedCase.class);
        Mono<Long> closed = inState(CaseState.CLOSED);
        Mono<Long> closedByDefault =
                mongo.count(query(where("closeReason").is(CloseReason.DEFAULT_SATISFIED)), EvaluatedCase.class);
        Mono<Map<Rating, Long>> ratings = mongo.aggregate(
                        newAggregation(
                                unwind("ratings"),
                                group("ratings.rating").count().as("n")),
                        EvaluatedCase.COLLECTION,
                        Document.class)
                .collect(
                        () -> new EnumMap<>(Rating.class),
                        (map, d) -> map.put(
                                Rating.valueOf(d.getString("_id")),
                                d.get("n", Number.class).longValue()));
        return Mono.zip(cases, merged, open, awaiting, reopened, closed, closedByDefault, ratings)
                .map(t -> new Counts(
                        t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6(), t.getT7(), t.getT8()));
    }

    private Mono<Long> inState(CaseState state) {
        return mongo.count(query(where("state").is(state)), EvaluatedCase.class);
    }

    private Mono<Long> sum(String arrayField) {
        return mongo.aggregate(
                        newAggregation(unwind(arrayField), group().count().as("n")),
                        EvaluatedCase.COLLECTION,
                        Document.class)
                .next()
                .map(d -> d.get("n", Number.class).longValue())
                .defaultIfEmpty(0L);
    }
}

package qihu.triage.triaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands out human case numbers (办件编号), one sequence per day: {@code QH20261122-000017}. A crash after drawing a
 * number leaves a gap, never a duplicate.
 */
@Component
public class CaseNumbers {

    private static final String COUNTERS = "counters";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ReactiveMongoTemplate mongo;
    private final TriageProperties properties;

    public CaseNumbers(ReactiveMongoTemplate mongo, TriageProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    public Mono<String> next(Instant receivedAt) {
        String day = LocalDate.ofInstant(receivedAt, properties.zone()).format(DAY);
        return mongo.findAndModify(
                        query(where("_id").is("case-number-" + day)),
                        new Update().inc("seq", 1),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        COUNTERS)
                .map(counter -> properties.caseNumberPrefix() + day + "-"
                        + String.format("%06d", counter.get("seq", Number.class).longValue()));
    }
}

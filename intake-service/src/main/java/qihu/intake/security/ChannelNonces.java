package qihu.intake.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import qihu.support.GroupCommit;
import qihu.support.UnorderedInsert;
import reactor.core.publisher.Mono;

/**
 * The nonces channels have used, so a captured request cannot be sent again. Stored with a unique key (the
 * {@code _id}, channel and nonce), so two instances cannot both take the same nonce. A nonce is needed only while its
 * timestamp is within the accepted age (older requests are refused anyway); expired ones are deleted by a periodic
 * {@link #sweep()}, since the embedded store has no TTL indexes.
 */
public class ChannelNonces {

    @Document(UsedNonce.COLLECTION)
    record UsedNonce(@Id String id, @Indexed Instant expiresAt) {
        static final String COLLECTION = "channel_nonces";
    }

    private final ReactiveMongoTemplate mongo;
    private final SecurityProperties properties;
    private final Clock clock;
    /** Nonces of concurrent requests go to the store together, one command per batch. */
    private final GroupCommit<org.bson.Document, Boolean> inserts;

    public ChannelNonces(ReactiveMongoTemplate mongo, SecurityProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.inserts = new GroupCommit<>(batch -> UnorderedInsert.insert(mongo, UsedNonce.COLLECTION, batch));
    }

    /** True if the nonce is new for the channel (and is now used), false if it was used before. */
    public Mono<Boolean> use(String channel, String nonce, Instant timestamp) {
        return inserts.submit(new org.bson.Document("_id", channel + ":" + nonce)
                .append("expiresAt", Date.from(timestamp.plus(properties.maxAge()))));
    }

    /** Deletes the nonces whose requests are too old to be accepted anyway. */
    public Mono<Long> sweep() {
        return mongo.remove(query(where("expiresAt").lt(clock.instant())), UsedNonce.class)
                .map(result -> result.getDeletedCount());
    }
}

package qihu.intake.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
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

    public ChannelNonces(ReactiveMongoTemplate mongo, SecurityProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** True if the nonce is new for the channel (and is now used), false if it was used before. */
    public Mono<Boolean> use(String channel, String nonce, Instant timestamp) {
        return mongo.insert(new UsedNonce(channel + ":" + nonce, timestamp.plus(properties.maxAge())))
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, used -> Mono.just(false));
    }

    /** Deletes the nonces whose requests are too old to be accepted anyway. */
    public Mono<Long> sweep() {
        return mongo.remove(query(where("expiresAt").lt(clock.instant())), UsedNonce.class)
                .map(result -> result.getDeletedCount());
    }
}

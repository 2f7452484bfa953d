package qihu.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoExceptionTranslator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Inserts documents with one unordered command: each is stored or refused on its own, and a duplicate key refuses
 * only that one. What {@link GroupCommit} batches of keyed inserts (nonces, requests) are written with.
 */
public final class UnorderedInsert {

    private static final MongoExceptionTranslator TRANSLATOR = new MongoExceptionTranslator();

    private UnorderedInsert() {}

    /**
     * One outcome per document, in order: true if stored, false if a document with its key was there already (or
     * earlier in the same batch). Fails as a whole on any other error.
     */
    public static Mono<List<Boolean>> insert(ReactiveMongoTemplate mongo, String collection, List<Document> documents) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.insertMany(documents, new InsertManyOptions().ordered(false))))
                .map(inserted -> Collections.nCopies(documents.size(), true))
                .onErrorResume(MongoBulkWriteException.class, e -> outcomes(documents.size(), e))
                // As the template would: a store outage becomes DataAccessResourceFailureException, and so on.
                .onErrorMap(RuntimeException.class, UnorderedInsert::translated);
    }

    private static RuntimeException translated(RuntimeException failure) {
        DataAccessException translated = TRANSLATOR.translateExceptionIfPossible(failure);
        return translated == null ? failure : translated;
    }

    private static Mono<List<Boolean>> outcomes(int count, MongoBulkWriteException failure) {
        if (failure.getWriteConcernError() != null) {
            return Mono.error(failure);
        }
        List<Boolean> stored = new ArrayList<>(Collections.nCopies(count, true));
        for (BulkWriteError error : failure.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                return Mono.error(failure);
            }
            stored.set(error.getIndex(), false);
        }
        return Mono.just(stored);
    }
}

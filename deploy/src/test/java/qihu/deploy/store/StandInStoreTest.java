package qihu.deploy.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandInStoreTest {

    @Test
    void theIndexAnswersAQueryThatNamesMoreFieldsThanItsOwn() {
        KeyLookupIndex<Integer> byId =
                new KeyLookupIndex<>(new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false));

        assertThat(byId.canHandle(new Document("_id", "a"))).isTrue();
        assertThat(byId.canHandle(new Document("_id", "a").append("state", "PENDING")))
                .isTrue();
        assertThat(byId.canHandle(new Document("_id", new Document("caseId", "c").append("round", 1))))
                .isTrue();
        // Not one plain value: the store scans, as before.
        assertThat(byId.canHandle(new Document("_id", new Document("$gt", "a")).append("state", "PENDING")))
                .isFalse();
        assertThat(byId.canHandle(new Document("state", "PENDING"))).isFalse();
    }

    static Stream<Supplier<MongoBackend>> backends() {
        return Stream.of(StandInStore::inMemory, () -> StandInStore.inFile(new MVStore.Builder().open()));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void queriesByKeyWithMoreConditionsMatchAsMongoDbDoes(Supplier<MongoBackend> backend) {
        MongoServer server = new MongoServer(backend.get());
        try (MongoClient client = MongoClients.create("mongodb://" + toHost(server.bind()))) {
            MongoCollection<org.bson.Document> deliveries =
                    client.getDatabase("test").getCollection("deliveries");
            deliveries.createIndex(Indexes.ascending("caseId", "round"), new IndexOptions().unique(true));
            for (int i = 0; i < 100; i++) {
                deliveries.insertOne(new org.bson.Document("_id", "d" + i)
                        .append("state", i % 2 == 0 ? "PENDING" : "DELIVERED")
                        .append("attempt", i)
                        .append("caseId", "c" + i)
                        .append("round", 1));
            }

            assertThat(deliveries
                            .find(and(eq("_id", "d4"), eq("state", "PENDING")))
                            .into(new java.util.ArrayList<>()))
                    .extracting(d -> d.getString("_id"))
                    .containsExactly("d4");
            assertThat(deliveries
                            .find(and(eq("_id", "d5"), eq("state", "PENDING")))
                            .first())
                    .isNull();
            assertThat(deliveries.find(and(eq("_id", "d6"), lt("attempt", 3))).first())
                    .isNull();
            assertThat(deliveries
                            .find(and(eq("caseId", "c8"), eq("round", 1), eq("state", "PENDING")))
                            .first()
                            .getString("_id"))
                    .isEqualTo("d8");
            assertThat(deliveries.countDocuments(in("_id", "d1", "d2", "nope"))).isEqualTo(2);

            // A conditional update by id changes the document only while its condition holds.
            assertThat(deliveries
                            .updateOne(and(eq("_id", "d10"), eq("state", "PENDING")), Updates.set("state", "DELIVERED"))
                            .getModifiedCount())
                    .isOne();
            assertThat(deliveries
                            .updateOne(and(eq("_id", "d10"), eq("state", "PENDING")), Updates.set("state", "DEAD"))
                            .getModifiedCount())
                    .isZero();
            assertThat(deliveries.find(eq("_id", "d10")).first().getString("state"))
                    .isEqualTo("DELIVERED");
        } finally {
            server.shutdownNow();
        }
    }

    private static String toHost(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}

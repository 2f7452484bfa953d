package qihu.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import qihu.support.testing.TestMongo;

/** Against the embedded store through the real driver. */
class UnorderedInsertTest {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.uri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aDuplicateKeyRefusesOnlyItsOwnDocument() {
        ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "unordered-" + UUID.randomUUID());
        mongo.insert(new Document("_id", "old").append("v", 0), "things").block();

        List<Boolean> stored = UnorderedInsert.insert(
                        mongo,
                        "things",
                        List.of(
                                new Document("_id", "a").append("v", 1),
                                new Document("_id", "old").append("v", 2),
                                new Document("_id", "b").append("v", 3),
                                new Document("_id", "a").append("v", 4)))
                .block();

        assertThat(stored).containsExactly(true, false, true, false);
        assertThat(mongo.find(new Query(), Document.class, "things")
                        .map(d -> d.get("_id") + "=" + d.get("v"))
                        .collectList()
                        .block())
                .containsExactlyInAnyOrder("old=0", "a=1", "b=3");
    }
}

package qihu.deploy.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.List;
import org.h2.mvstore.MVStore;

/** The stand-in store's backends, their unique indexes answering queries by key as MongoDB's do ({@link KeyLookupIndex}). */
public final class StandInStore {

    private StandInStore() {}

    /** Everything in memory, forgotten when the server stops. */
    public static MongoBackend inMemory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String name) {
                return new MemoryDatabase(name, getCursorRegistry()) {
                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(
                            String collection, String index, List<IndexKey> keys, boolean sparse) {
                        return new KeyLookupIndex<>(super.openOrCreateUniqueIndex(collection, index, keys, sparse));
                    }
                };
            }
        };
    }

    /** Persisted in an H2 MVStore file. */
    public static MongoBackend inFile(MVStore file) {
        return new H2Backend(file) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String name) {
                return new H2Database(name, getMvStore(), getCursorRegistry()) {
                    @Override
                    protected Index<Object> openOrCreateUniqueIndex(
                            String collection, String index, List<IndexKey> keys, boolean sparse) {
                        return new KeyLookupIndex<>(super.openOrCreateUniqueIndex(collection, index, keys, sparse));
                    }
                };
            }
        };
    }
}

package qihu.deploy.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A unique index of the stand-in store that also answers queries naming more fields than its own, as MongoDB does.
 * mongo-java-server uses an index only when a query's fields are exactly the index's, so {@code {_id: x, state: y}}
 * (a conditional update by id) scanned the whole collection. Here, when every field of the index is asked for one
 * plain value, the index finds the document by those values and the store matches the rest of the query on it.
 */
final class KeyLookupIndex<P> extends Index<P> {

    private final Index<P> index;

    KeyLookupIndex(Index<P> index) {
        super(index.getName(), index.getKeys(), false);
        this.index = index;
    }

    @Override
    public boolean canHandle(Document query) {
        return index.canHandle(query) || index.canHandle(ownFields(query));
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return index.canHandle(query) ? index.getPositions(query) : index.getPositions(ownFields(query));
    }

    /** The query's values of this index's fields, if each is one plain value; otherwise an empty query. */
    private Document ownFields(Document query) {
        Document own = new Document();
        for (String field : keys()) {
            Object value = query.get(field);
            if (!isPlainValue(value)) {
                return new Document();
            }
            own.put(field, value);
        }
        return own;
    }

    private static boolean isPlainValue(Object value) {
        if (value == null
                || value instanceof Collection<?>
                || value instanceof Pattern
                || BsonRegularExpression.isRegularExpression(value)) {
            return false;
        }
        return !(value instanceof Document document)
                || document.keySet().stream().noneMatch(k -> k.startsWith("$"));
    }

    @Override
    public P getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        index.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return index.remove(document);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        index.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        index.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        index.drop();
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }

    @Override
    public Document toIndexDescription() {
        return index.toIndexDescription();
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        return index.hasSameOptions(other instanceof KeyLookupIndex<?> lookup ? lookup.index : other);
    }
}

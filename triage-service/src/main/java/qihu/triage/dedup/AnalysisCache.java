package qihu.triage.dedup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import qihu.triage.text.AnalyzedText;

/**
 * The analysed form of the cases dedup compares with most (分析结果缓存): the same similar cases come up as candidates
 * for request after request, and analysing a case's text again (normalise, segment, stop words, MinHash) cost as much
 * as comparing it. Least recently used first out, at most {@code capacity} cases. An entry is used only for the very
 * text it was made from, so a case whose content changed is analysed again, and a stale entry can never be judged.
 * Thread-safe; the analysis itself runs outside the lock.
 */
final class AnalysisCache {

    /** A case's text as dedup reads it. */
    record Analysed(String text, String normalized, PreparedText prepared, MinHashSignature signature) {

        AnalyzedText analysis() {
            return prepared.analysis();
        }
    }

    private final int capacity;
    private final Map<String, Analysed> byCaseId;
    private long hits;
    private long misses;

    AnalysisCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.byCaseId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Analysed> eldest) {
                return size() > AnalysisCache.this.capacity;
            }
        };
    }

    /** The case's analysed text: from the cache if it was made from this text, else made now and kept. */
    Analysed get(String caseId, String text, Function<String, Analysed> analyse) {
        synchronized (this) {
            Analysed cached = byCaseId.get(caseId);
            if (cached != null && cached.text().equals(text)) {
                hits++;
                return cached;
            }
            misses++;
        }
        Analysed made = analyse.apply(text);
        put(caseId, made);
        return made;
    }

    void put(String caseId, Analysed analysed) {
        if (capacity == 0) {
            return;
        }
        synchronized (this) {
            byCaseId.put(caseId, analysed);
        }
    }

    synchronized void remove(String caseId) {
        byCaseId.remove(caseId);
    }

    synchronized int size() {
        return byCaseId.size();
    }

    /** Share of look-ups answered from the cache so far. */
    synchronized double hitRate() {
        long all = hits + misses;
        return all == 0 ? 0 : (double) hits / all;
    }
}

package qihu.triage.dedup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index of cases for near-duplicate lookup (近似查重索引): each case's MinHash signature in
 * {@value MinHasher#BANDS} locality-sensitive band tables, and a chain of each enterprise's cases so that a request
 * is always compared with every recent case of its own enterprise, similar-looking or not.
 *
 * <p>Sized for a million cases in well under 1 GiB of heap: primitive arrays, 16-bit minima, chains threaded through
 * int arrays instead of lists (QUALITY.md has the measurement). Removal only marks a slot dead; the arrays are rebuilt
 * when dead slots outnumber live ones. Reads share a lock, writes take it alone.
 */
public final class NearDuplicateIndex {

    /** Cases followed along one band's chain of equal keys: boilerplate shared by thousands must not slow a lookup. */
    static final int MAX_CHAIN = 64;

    /** Most recent cases of the request's own enterprise compared, similar-looking or not. */
    static final int MAX_SAME_ENTERPRISE = 200;

    /** Dead slots tolerated before a rebuild is considered at all. */
    private static final int COMPACT_MIN_DEAD = 1_024;

    private static final int INITIAL_CAPACITY = 1_024;
    private static final byte LIVE = 1;
    private static final byte OPEN = 2;
    private static final int NONE = -1;

    /** What the index knows of a case, besides its signature. */
    public record IndexedCase(String caseId, String enterpriseUscc, Instant receivedAt, boolean open) {}

    /**
     * A case the index offers for comparison.
     *
     * @param sameEnterprise the case's enterprise has the request's credit code (by hash: check before merging)
     * @param estimatedSimilarity the MinHash estimate of the term sets' Jaccard similarity
     */
    public record Hit(
            String caseId, Instant receivedAt, boolean open, boolean sameEnterprise, double estimatedSimilarity) {}

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slotOf = new HashMap<>();

    private int used;
    private int live;
    private String[] caseIds;
    private long[] enterprises;
    private long[] receivedAt;
    private byte[] flags;
    private short[] signatures;
    private int[][] bandNext;
    private SlotTable[] bandHeads;
    private int[] enterpriseNext;
    private SlotTable enterpriseHeads;

    public NearDuplicateIndex() {
        this(INITIAL_CAPACITY);
    }

    /** @param expectedCases how many cases to make room for at once (growing later works, but copies) */
    public NearDuplicateIndex(int expectedCases) {
        allocate(Math.max(INITIAL_CAPACITY, expectedCases));
    }

    private void allocate(int capacity) {
        caseIds = new String[capacity];
        enterprises = new long[capacity];
        receivedAt = new long[capacity];
        flags = new byte[capacity];
        signatures = new short[capacity * MinHasher.HASHES];
        bandNext = new int[MinHasher.BANDS][capacity];
        bandHeads = new SlotTable[MinHasher.BANDS];
        for (int band = 0; band < MinHasher.BANDS; band++) {
            bandHeads[band] = new SlotTable(capacity);
        }
        enterpriseNext = new int[capacity];
        enterpriseHeads = new SlotTable(capacity / 2);
        used = 0;
        live = 0;
        slotOf.clear();
    }

    /** Adds a case, or replaces what the index has for the same case id. */
    public void add(IndexedCase indexed, MinHashSignature signature) {
        lock.writeLock().lock();
        try {
            Integer previous = slotOf.remove(indexed.caseId());
            if (previous != null) {
                kill(previous);
            }
            insert(
                    indexed.caseId(),
                    enterpriseKey(indexed.enterpriseUscc()),
                    indexed.receivedAt().getEpochSecond(),
                    indexed.open(),
                    signature.isEmpty() ? null : signature.compact());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void insert(String caseId, long enterprise, long receivedSecond, boolean open, short[] signature) {
        if (used == caseIds.length) {
            grow();
        }
        int slot = used++;
        caseIds[slot] = caseId;
        enterprises[slot] = enterprise;
        receivedAt[slot] = receivedSecond;
        flags[slot] = (byte) (LIVE | (open ? OPEN : 0));
        for (int band = 0; band < MinHasher.BANDS; band++) {
            bandNext[band][slot] = NONE;
        }
        if (signature != null) {
            System.arraycopy(signature, 0, signatures, slot * MinHasher.HASHES, MinHasher.HASHES);
            for (int band = 0; band < MinHasher.BANDS; band++) {
                int key = MinHashSignature.bandKey(signature, band);
                bandNext[band][slot] = bandHeads[band].get(key);
                bandHeads[band].put(key, slot);
            }
        }
        enterpriseNext[slot] = NONE;
        if (enterprise != 0) {
            enterpriseNext[slot] = enterpriseHeads.get(enterprise);
            enterpriseHeads.put(enterprise, slot);
        }
        slotOf.put(caseId, slot);
        live++;
    }

    public boolean remove(String caseId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOf.remove(caseId);
            if (slot == null) {
                return false;
            }
            kill(slot);
            int dead = used - live;
            if (dead > COMPACT_MIN_DEAD && dead > live) {
                compact();
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A closed case stops taking duplicates; a reopened one takes them again. False if the case is unknown. */
    public boolean setOpen(String caseId, boolean open) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOf.get(caseId);
            if (slot == null) {
                return false;
            }
            flags[slot] = (byte) (open ? flags[slot] | OPEN : flags[slot] & ~OPEN);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets every case (the store it mirrors was emptied). */
    public void clear() {
        lock.writeLock().lock();
        try {
            allocate(INITIAL_CAPACITY);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return live;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The cases to compare a request with: every recent case of the same enterprise (up to
     * {@value #MAX_SAME_ENTERPRISE}), and other cases that share a band with it and reach {@code minSimilarity}, the
     * {@code limit} most similar of them. Sorted by estimated similarity, highest first, the same enterprise's first among
     * equals.
     */
    public List<Hit> query(MinHashSignature signature, String enterpriseUscc, double minSimilarity, int limit) {
        long enterprise = enterpriseKey(enterpriseUscc);
        short[] probe = signature.isEmpty() ? null : signature.compact();
        lock.readLock().lock();
        try {
            int[] candidates = new int[MinHasher.BANDS * MAX_CHAIN + MAX_SAME_ENTERPRISE];
            int count = 0;
            if (probe != null) {
                for (int band = 0; band < MinHasher.BANDS; band++) {
                    int slot = bandHeads[band].get(MinHashSignature.bandKey(probe, band));
                    for (int steps = 0; slot != NONE && steps < MAX_CHAIN; steps++) {
                        candidates[count++] = slot;
                        slot = bandNext[band][slot];
                    }
                }
            }
            if (enterprise != 0) {
                int slot = enterpriseHeads.get(enterprise);
                for (int steps = 0; slot != NONE && steps < MAX_SAME_ENTERPRISE; steps++) {
                    candidates[count++] = slot;
                    slot = enterpriseNext[slot];
                }
            }
            Arrays.sort(candidates, 0, count);
            // agreeing minima per distinct live slot; other enterprises' cases only down to the count that still
            // makes the top `limit` (ties included), so a query that meets thousands builds a few dozen hits
            int distinct = 0;
            int[] agreeing = new int[count];
            int[] atLeast = new int[MinHasher.HASHES + 2];
            for (int k = 0; k < count; k++) {
                int slot = candidates[k];
                if ((k > 0 && candidates[k - 1] == slot) || (flags[slot] & LIVE) == 0) {
                    continue;
                }
                candidates[distinct] = slot;
                agreeing[distinct] = probe == null ? 0 : agreeing(probe, slot);
                if (!(enterprise != 0 && enterprises[slot] == enterprise)
                        && similarity(agreeing[distinct]) >= minSimilarity) {
                    atLeast[agreeing[distinct]]++;
                }
                distinct++;
            }
            int cutoff = MinHasher.HASHES + 1;
            for (int taken = 0; cutoff > 0 && taken < limit; ) {
                taken += atLeast[--cutoff];
            }
            List<Hit> same = new ArrayList<>();
            List<Hit> others = new ArrayList<>();
            for (int k = 0; k < distinct; k++) {
                int slot = candidates[k];
                boolean sameEnterprise = enterprise != 0 && enterprises[slot] == enterprise;
                double similarity = similarity(agreeing[k]);
                if (sameEnterprise || (similarity >= minSimilarity && agreeing[k] >= cutoff)) {
                    Hit hit = new Hit(
                            caseIds[slot],
                            Instant.ofEpochSecond(receivedAt[slot]),
                            (flags[slot] & OPEN) != 0,
                            sameEnterprise,
                            similarity);
                    (sameEnterprise ? same : others).add(hit);
                }
            }
            // among equally similar cases, the enterprise's own come first
            Comparator<Hit> mostSimilar = Comparator.comparingDouble(Hit::estimatedSimilarity)
                    .reversed()
                    .thenComparing(Hit::sameEnterprise, Comparator.reverseOrder())
                    .thenComparing(Hit::caseId);
            others.sort(mostSimilar);
            List<Hit> hits = new ArrayList<>(same);
            hits.addAll(others.subList(0, Math.min(limit, others.size())));
            hits.sort(mostSimilar);
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int agreeing(short[] probe, int slot) {
        int base = slot * MinHasher.HASHES;
        int agreeing = 0;
        for (int i = 0; i < MinHasher.HASHES; i++) {
            if (signatures[base + i] == probe[i]) {
                agreeing++;
            }
        }
        return agreeing;
    }

    private static double similarity(int agreeing) {
        return (double) agreeing / MinHasher.HASHES;
    }

    private void kill(int slot) {
        flags[slot] = 0;
        caseIds[slot] = null;
        live--;
    }

    private void grow() {
        int capacity = caseIds.length + (caseIds.length >> 1);
        caseIds = Arrays.copyOf(caseIds, capacity);
        enterprises = Arrays.copyOf(enterprises, capacity);
        receivedAt = Arrays.copyOf(receivedAt, capacity);
        flags = Arrays.copyOf(flags, capacity);
        signatures = Arrays.copyOf(signatures, capacity * MinHasher.HASHES);
        for (int band = 0; band < MinHasher.BANDS; band++) {
            bandNext[band] = Arrays.copyOf(bandNext[band], capacity);
        }
        enterpriseNext = Arrays.copyOf(enterpriseNext, capacity);
    }

    /** Rebuilds the arrays from the live slots, oldest first, so chains stay newest first. */
    private void compact() {
        String[] oldIds = caseIds;
        long[] oldEnterprises = enterprises;
        long[] oldReceived = receivedAt;
        byte[] oldFlags = flags;
        short[] oldSignatures = signatures;
        int oldUsed = used;
        allocate(Math.max(INITIAL_CAPACITY, live + (live >> 1)));
        for (int slot = 0; slot < oldUsed; slot++) {
            if ((oldFlags[slot] & LIVE) == 0) {
                continue;
            }
            short[] signature =
                    Arrays.copyOfRange(oldSignatures, slot * MinHasher.HASHES, (slot + 1) * MinHasher.HASHES);
            boolean hasSignature = false;
            for (short value : signature) {
                hasSignature |= value != 0;
            }
            insert(
                    oldIds[slot],
                    oldEnterprises[slot],
                    oldReceived[slot],
                    (oldFlags[slot] & OPEN) != 0,
                    hasSignature ? signature : null);
        }
    }

    /** A 64-bit hash of the credit code; 0 for an enterprise without one (never compared as "same"). */
    static long enterpriseKey(String uscc) {
        if (uscc == null || uscc.isBlank()) {
            return 0;
        }
        long hash = 0xcbf29ce484222325L;
        for (byte b : uscc.strip().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x100000001b3L;
        }
        hash = MinHasher.mix(hash);
        return hash == 0 ? 1 : hash;
    }

    /**
     * Open addressing from keys (band hashes, enterprise keys) to slots; linear probing, at most 3/4 full. Keys are
     * spread by a bijective mix, so int band hashes and already-mixed enterprise keys index equally well.
     */
    private static final class SlotTable {
        private long[] keys;
        private int[] values;
        private int size;

        SlotTable(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 4 / 3)) << 1;
            keys = new long[capacity];
            values = new int[capacity];
        }

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
                if (values[i] == 0) {
                    return NONE;
                }
                if (keys[i] == key) {
                    return values[i] - 1;
                }
            }
        }

        void put(long key, int slot) {
            if ((size + 1) * 4 > keys.length * 3) {
                rehash();
            }
            int mask = keys.length - 1;
            int i = spread(key) & mask;
            while (values[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (values[i] == 0) {
                size++;
            }
            keys[i] = key;
            values[i] = slot + 1;
        }

        private void rehash() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != 0) {
                    put(oldKeys[i], oldValues[i] - 1);
                }
            }
        }

        private static int spread(long key) {
            return (int) MinHasher.mix(key);
        }
    }
}

package qihu.triage.text;

import com.hankcs.hanlp.collection.trie.DoubleArrayTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import qihu.triage.dedup.TextNormalizer;

/**
 * Chinese word segmentation (分词): HanLP's core dictionary plus a small list of the service centre's own terms
 * ({@code text/domain-words.txt}: 加计扣除, 应急转贷, 海外仓 …), matched longest-first as HanLP's
 * {@code DoubleArrayTrieSegment} does. Runs of Latin letters and of digits are tokens of their own, so "2号厂房" gives
 * "2", "号", "厂房".
 *
 * <p>Dictionary matching rather than HanLP's Viterbi segmenter: it is about ten times faster (fingerprinting must keep
 * up with intake), and what dedup and the classifier need is the same cut for the same text, which it gives. Both
 * dictionaries are read-only once built, and each call uses its own searcher, so one instance serves all threads.
 */
public final class ChineseSegmenter {

    private static final String DOMAIN_WORDS = "/text/domain-words.txt";
    private static final String CONFISCATE = "没收";

    private final DoubleArrayTrie<CoreDictionary.Attribute> core;
    private final DoubleArrayTrie<Boolean> domain;

    private ChineseSegmenter(DoubleArrayTrie<CoreDictionary.Attribute> core, DoubleArrayTrie<Boolean> domain) {
        this.core = core;
        this.domain = domain;
    }

    /** The shared segmenter; HanLP's dictionaries load once, on first use (a few hundred milliseconds). */
    public static ChineseSegmenter shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final ChineseSegmenter INSTANCE = new ChineseSegmenter(CoreDictionary.trie, domainTrie());

        private static DoubleArrayTrie<Boolean> domainTrie() {
            TreeMap<String, Boolean> words = new TreeMap<>();
            Resources.lines(DOMAIN_WORDS).forEach(word -> words.put(word, Boolean.TRUE));
            return new DoubleArrayTrie<>(words);
        }
    }

    /** The words of a text, in order, after {@link TextNormalizer#clauses normalisation}; punctuation is dropped. */
    public List<String> segment(String text) {
        List<String> words = new ArrayList<>();
        for (String clause : TextNormalizer.clauses(text)) {
            segmentClause(clause, words);
        }
        return words;
    }

    /** Appends the words of one normalised clause (letters, digits and separating spaces) to {@code words}. */
    public void segmentClause(String clause, List<String> words) {
        int i = 0;
        while (i < clause.length()) {
            int cp = clause.codePointAt(i);
            if (cp == ' ') {
                i++;
                continue;
            }
            int end = runEnd(clause, i, kind(cp));
            if (kind(cp) == Kind.HAN) {
                segmentHan(clause.substring(i, end), words);
            } else {
                words.add(clause.substring(i, end));
            }
            i = end;
        }
    }

    private void segmentHan(String run, List<String> words) {
        char[] chars = run.toCharArray();
        int[] lengths = new int[chars.length];
        java.util.Arrays.fill(lengths, 1);
        DoubleArrayTrie<CoreDictionary.Attribute>.LongestSearcher coreWords = core.getLongestSearcher(chars, 0);
        while (coreWords.next()) {
            lengths[coreWords.begin] = coreWords.length;
        }
        DoubleArrayTrie<Boolean>.LongestSearcher domainWords = domain.getLongestSearcher(chars, 0);
        while (domainWords.next()) {
            lengths[domainWords.begin] = Math.max(lengths[domainWords.begin], domainWords.length);
        }
        for (int i = 0; i < chars.length; i += lengths[i]) {
            String word = new String(chars, i, lengths[i]);
            int after = i + lengths[i];
            if (word.equals(CONFISCATE) && after < chars.length && chars[after] == '到') {
                // "没收到" is "not received" (没 / 收到) in a request far more often than "confiscated" (没收 / 到).
                words.add("没");
                lengths[i + 1] = 2;
                lengths[i] = 1;
                continue;
            }
            words.add(word);
        }
    }

    private enum Kind {
        HAN,
        DIGIT,
        SPACE,
        OTHER
    }

    private static Kind kind(int codePoint) {
        if (TextNormalizer.isHan(codePoint)) {
            return Kind.HAN;
        }
        if (codePoint == ' ') {
            return Kind.SPACE;
        }
        return Character.isDigit(codePoint) ? Kind.DIGIT : Kind.OTHER;
    }

    private static int runEnd(String text, int from, Kind kind) {
        int i = from;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (kind(cp) != kind) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }
}

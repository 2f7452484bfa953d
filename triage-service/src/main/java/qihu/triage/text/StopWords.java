package qihu.triage.text;

import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import java.util.HashSet;
import java.util.Set;

/**
 * Stop words (停用词): HanLP's core list plus the service centre's filler words ({@code text/stop-words.txt}), minus
 * the negation and completion words that change what a request says ({@code text/kept-words.txt}).
 */
public final class StopWords {

    private static final StopWords STANDARD = new StopWords(
            Set.copyOf(Resources.lines("/text/stop-words.txt")), Set.copyOf(Resources.lines("/text/kept-words.txt")));

    private final Set<String> stopWords;

    StopWords(Set<String> extra, Set<String> kept) {
        // HanLP's list copied into a hash set once: its MDAG lookup is several times slower, per word of every text.
        Set<String> all = new HashSet<>(CoreStopWordDictionary.dictionary);
        all.addAll(extra);
        all.removeAll(kept);
        this.stopWords = Set.copyOf(all);
    }

    public static StopWords standard() {
        return STANDARD;
    }

    public boolean isStopWord(String word) {
        return stopWords.contains(word);
    }
}

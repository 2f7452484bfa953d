package qihu.triage.text;

import java.util.ArrayList;
import java.util.List;
import qihu.triage.dedup.TextNormalizer;

/** Normalises, segments and removes stop words: the one way every part of triage reads a request text. */
public final class TextAnalyzer {

    private static final TextAnalyzer STANDARD = new TextAnalyzer(ChineseSegmenter.shared(), StopWords.standard());

    private final ChineseSegmenter segmenter;
    private final StopWords stopWords;

    public TextAnalyzer(ChineseSegmenter segmenter, StopWords stopWords) {
        this.segmenter = segmenter;
        this.stopWords = stopWords;
    }

    public static TextAnalyzer standard() {
        return STANDARD;
    }

    public AnalyzedText analyze(String text) {
        List<String> clauses = TextNormalizer.clauses(text == null ? "" : text);
        List<String> words = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        List<Integer> termClauses = new ArrayList<>();
        List<Integer> wordClauses = new ArrayList<>();
        for (int c = 0; c < clauses.size(); c++) {
            int from = words.size();
            segmenter.segmentClause(clauses.get(c), words);
            for (String word : words.subList(from, words.size())) {
                wordClauses.add(c);
                if (!stopWords.isStopWord(word)) {
                    terms.add(word);
                    termClauses.add(c);
                }
            }
        }
        return new AnalyzedText(clauses, words, terms, termClauses, wordClauses);
    }
}

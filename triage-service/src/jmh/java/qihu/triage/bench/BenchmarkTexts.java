package qihu.triage.bench;

import java.util.ArrayList;
import java.util.List;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.Trainer;

/**
 * Realistic request texts for the benchmarks: the seed corpus's enterprise requests (written for the ten boards), run
 * together in a shuffled order and cut to the wanted length, so that every text is real request language.
 */
final class BenchmarkTexts {

    private BenchmarkTexts() {}

    /** {@code count} texts of exactly {@code length} characters, each starting at another seed request. */
    static List<String> of(int count, int length, long seed) {
        List<String> requests = new ArrayList<>(
                DefaultModel.seedCorpus().stream().map(Trainer.Example::text).toList());
        java.util.Collections.shuffle(requests, new java.util.Random(seed));
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = i; text.length() < length; j++) {
                text.append(requests.get(j % requests.size()));
            }
            texts.add(text.substring(0, length));
        }
        return texts;
    }
}

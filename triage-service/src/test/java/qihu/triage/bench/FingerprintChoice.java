package qihu.triage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import qihu.triage.classify.DefaultModel;
import qihu.triage.dedup.MinHashSignature;
import qihu.triage.dedup.MinHasher;
import qihu.triage.dedup.TermWeights;
import qihu.triage.io.DelimitedTable;
import qihu.triage.text.AnalyzedText;
import qihu.triage.text.TextAnalyzer;

/**
 * The measurement behind the choice of fingerprint (QUALITY.md): for pairs that should be compared (rewordings,
 * same-intent questions) and pairs that should not (random pairs of different requests), how often each scheme makes
 * them candidates. MinHash over content terms, banded as the index bands it; SimHash (64 bits over weighted terms) at
 * Hamming distances a multi-table index can afford.
 *
 * <p>Arguments: the folder with the public pair files ({@code ../shared/data/eval-dev}).
 */
public final class FingerprintChoice {

    private static final int[] SIMHASH_DISTANCES = {3, 8};

    record Pair(String first, String second, boolean same) {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/eval-dev");
        Map<String, List<Pair>> sets = new LinkedHashMap<>();
        for (String file : List.of("lcqmc_dev.tsv", "bq_dev.tsv", "pawsx_zh_dev.tsv")) {
            sets.put(file, pairs(DelimitedTable.read(data.resolve(file))));
        }
        sets.put("hand-made rewordings", rewordings());
        sets.put("random seed-corpus pairs", randomPairs());
        TextAnalyzer analyzer = TextAnalyzer.standard();
        System.out.printf("%-26s %28s %28s %28s%n", "", "MinHash 16x4 bands", "SimHash <= 3 bits", "SimHash <= 8 bits");
        for (Map.Entry<String, List<Pair>> set : sets.entrySet()) {
            int[] same = new int[3];
            int[] different = new int[3];
            int sameCount = 0;
            int differentCount = 0;
            for (Pair pair : set.getValue()) {
                AnalyzedText a = analyzer.analyze(pair.first());
                AnalyzedText b = analyzer.analyze(pair.second());
                boolean[] candidate = {
                    sharesABand(MinHasher.sign(a), MinHasher.sign(b)),
                    Long.bitCount(simHash(a.terms()) ^ simHash(b.terms())) <= SIMHASH_DISTANCES[0],
                    Long.bitCount(simHash(a.terms()) ^ simHash(b.terms())) <= SIMHASH_DISTANCES[1]
                };
                int[] counts = pair.same() ? same : different;
                if (pair.same()) {
                    sameCount++;
                } else {
                    differentCount++;
                }
                for (int k = 0; k < candidate.length; k++) {
                    counts[k] += candidate[k] ? 1 : 0;
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", set.getKey()));
            for (int k = 0; k < 3; k++) {
                line.append(String.format(
                        Locale.ROOT,
                        " %13s %13s",
                        sameCount == 0 ? "-" : String.format(Locale.ROOT, "same %.3f", (double) same[k] / sameCount),
                        differentCount == 0
                                ? "-"
                                : String.format(Locale.ROOT, "diff %.3f", (double) different[k] / differentCount)));
            }
            System.out.println(line);
        }
    }

    private static boolean sharesABand(MinHashSignature a, MinHashSignature b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        for (int band = 0; band < MinHasher.BANDS; band++) {
            if (a.bandKey(band) == b.bandKey(band)) {
                return true;
            }
        }
        return false;
    }

    /** 64-bit SimHash: each term's hash bits vote with the term's weight. */
    static long simHash(Collection<String> terms) {
        double[] votes = new double[Long.SIZE];
        for (String term : terms) {
            long hash = MinHasher.sign(List.of(term)).hashCode() * 0x9E3779B97F4A7C15L;
            hash ^= hash >>> 29;
            double weight = TermWeights.weight(term);
            for (int bit = 0; bit < Long.SIZE; bit++) {
                votes[bit] += ((hash >>> bit) & 1) == 1 ? weight : -weight;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < Long.SIZE; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    private static List<Pair> pairs(DelimitedTable table) {
        List<Pair> pairs = new ArrayList<>();
        for (DelimitedTable.Row row : table.rows()) {
            pairs.add(new Pair(
                    row.fields().get(0),
                    row.fields().get(1),
                    row.fields().get(2).strip().equals("1")));
        }
        return pairs;
    }

    private static List<Pair> rewordings() throws IOException {
        try (var in = FingerprintChoice.class.getResourceAsStream("/dedup/rewordings.tsv")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            List<Pair> pairs = new ArrayList<>();
            for (DelimitedTable.Row row :
                    DelimitedTable.parse("rewordings.tsv", text, '\t').rows()) {
                pairs.add(new Pair(row.fields().get(0), row.fields().get(1), true));
            }
            return pairs;
        }
    }

    private static List<Pair> randomPairs() {
        List<String> texts =
                DefaultModel.seedCorpus().stream().map(e -> e.text()).toList();
        Random random = new Random(1);
        List<Pair> pairs = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (pairs.size() < 5_000) {
            int a = random.nextInt(texts.size());
            int b = random.nextInt(texts.size());
            if (a != b && seen.add((long) a * texts.size() + b)) {
                pairs.add(new Pair(texts.get(a), texts.get(b), false));
            }
        }
        return pairs;
    }
}

package qihu.evaluation.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keywords of a cluster: TF-IDF over Chinese character bigrams. A bigram scores by how often the cluster's cases use
 * it, weighted by how rare it is among all the period's cases, so "消防" and "验收" beat words every request
 * has. Chosen over HanLP segmentation (triage's dependency) because it needs no dictionary, is deterministic, costs
 * microseconds per case at a million cases, and a cluster's members share the problem's wording anyway; the price is
 * an occasional fragment instead of a word, lessened by dropping bigrams that overlap a better one. Plain Java.
 */
public final class Keywords {

    /** Bigrams of generic request wording (我司, 请求, 协调, ...) that say nothing about the problem. */
    private static final Set<String> GENERIC = Set.of(
            "我司", "公司", "企业", "请求", "协调", "办理", "反映", "问题", "希望", "相关", "目前", "尽快", "解决", "帮助", "至今", "影响", "加快", "谢谢",
            "您好", "请协", "调加", "快办", "司新", "一月", "再次");

    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private int documents;

    /** Counts the bigrams of one case of the period (the IDF's population). */
    public void addDocument(String text) {
        documents++;
        for (String bigram : new LinkedHashSet<>(bigramsOf(text))) {
            documentFrequency.merge(bigram, 1, Integer::sum);
        }
    }

    /** The best {@code n} keywords of a cluster whose cases say {@code texts}. */
    public List<String> of(List<String> texts, int n) {
        Map<String, Integer> inCluster = new HashMap<>();
        for (String text : texts) {
            for (String bigram : bigramsOf(text)) {
                inCluster.merge(bigram, 1, Integer::sum);
            }
        }
        Map<String, Double> score = new HashMap<>();
        inCluster.forEach((bigram, count) -> {
            int df = documentFrequency.getOrDefault(bigram, 0);
            score.put(bigram, count * Math.log((documents + 1.0) / (df + 1.0) + 1.0));
        });
        List<String> ranked = new ArrayList<>(score.keySet());
        ranked.sort(Comparator.comparing((String b) -> -score.get(b)).thenComparing(b -> b));
        List<String> chosen = new ArrayList<>();
        for (String bigram : ranked) {
            if (chosen.size() == n) {
                break;
            }
            // "消防" chosen: "防验" is a fragment spanning two words.
            boolean overlaps =
                    chosen.stream().anyMatch(c -> c.indexOf(bigram.charAt(0)) >= 0 || c.indexOf(bigram.charAt(1)) >= 0);
            if (!overlaps) {
                chosen.add(bigram);
            }
        }
        return chosen;
    }

    /** The bigrams of consecutive Han characters in a text, repeats kept, generic ones left out. */
    static List<String> bigramsOf(String text) {
        List<String> bigrams = new ArrayList<>();
        if (text == null) {
            return bigrams;
        }
        for (int i = 0; i + 1 < text.length(); i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (han(a) && han(b)) {
                String bigram = new String(new char[] {a, b});
                if (!GENERIC.contains(bigram)) {
                    bigrams.add(bigram);
                }
            }
        }
        return bigrams;
    }

    private static boolean han(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static Set<String> generic() {
        return new HashSet<>(GENERIC);
    }
}

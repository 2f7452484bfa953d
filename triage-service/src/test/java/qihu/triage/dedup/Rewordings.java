package qihu.triage.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test data for "the same enterprise raises its problem again, reworded": the hand-made pairs under
 * {@code src/test/resources/dedup/} and pairs generated from the seed corpus by the edits people make when they send
 * a request again through another channel (a greeting, "再次反映", a hotline operator's third person, the enterprise
 * naming itself differently, a common synonym, clauses in another order, a clause left out, a follow-up sentence).
 * The generator is seeded, so every run sees the same pairs.
 */
final class Rewordings {

    record Pair(String first, String second, String how) {}

    private Rewordings() {}

    static List<Pair> handMade() {
        return tsv("/dedup/rewordings.tsv");
    }

    static List<Pair> sameEnterpriseDifferentProblems() {
        return tsv("/dedup/same-enterprise-different-problems.tsv");
    }

    /** One generated rewording per seed-corpus text, each with one to three edits. */
    static List<Pair> generated(long seed) {
        Random random = new Random(seed);
        List<Pair> pairs = new ArrayList<>();
        for (String text : seedTexts()) {
            String reworded = text;
            List<String> how = new ArrayList<>();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int which = random.nextInt(EDITS.size());
                reworded = EDITS.get(which).apply(reworded, random);
                how.add(EDIT_NAMES.get(which));
            }
            pairs.add(new Pair(text, reworded, String.join("+", how)));
        }
        return pairs;
    }

    private interface Edit {
        String apply(String text, Random random);
    }

    private static final List<String> EDIT_NAMES = List.of(
            "greeting",
            "follow-up prefix",
            "closing",
            "hotline",
            "self-reference",
            "synonym",
            "punctuation",
            "clauses swapped",
            "clause dropped",
            "follow-up sentence");

    private static final List<Edit> EDITS = List.of(
            (text, r) -> pick(r, "您好，", "你好！", "领导好，") + text,
            (text, r) -> pick(r, "再次反映：", "催办：", "第二次反映，", "紧急求助：") + text,
            (text, r) -> stripEnd(text) + pick(r, "，谢谢！", "。盼复。", "，望尽快处理。", "。联系人：王经理。"),
            (text, r) -> "来电人反映：" + text.replaceFirst("^(我司|我公司|我们公司|我们|本公司)", "其公司"),
            (text, r) -> replaceFirstOf(
                    text, r, new String[][] {{"我司", "我公司"}, {"我公司", "我们公司"}, {"我们", "我司"}, {"企业", "我们企业"}}),
            (text, r) -> replaceFirstOf(text, r, new String[][] {
                {"请求", "恳请"}, {"请协调", "麻烦协调"}, {"至今", "到现在"}, {"一直", "始终"}, {"最近", "近期"},
                {"希望", "恳请"}, {"很大", "非常大"}, {"尽快", "抓紧"}, {"困难", "艰难"}, {"想了解", "想咨询"}
            }),
            (text, r) -> text.replace('，', ',').replace("。", r.nextBoolean() ? "" : "!"),
            (text, r) -> swapTwoClauses(text, r),
            (text, r) -> dropAClause(text, r),
            (text, r) -> stripEnd(text) + pick(r, "。上次反映后至今未解决。", "。已经反映过一次，还没有结果。"));

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String stripEnd(String text) {
        return text.replaceAll("[。！!？?]+$", "");
    }

    private static String replaceFirstOf(String text, Random random, String[][] replacements) {
        int start = random.nextInt(replacements.length);
        for (int k = 0; k < replacements.length; k++) {
            String[] replacement = replacements[(start + k) % replacements.length];
            if (text.contains(replacement[0])) {
                return text.replaceFirst(replacement[0], replacement[1]);
            }
        }
        return text;
    }

    /** Swaps two neighbouring clauses in the middle, the first and last stay (they open and close the request). */
    private static String swapTwoClauses(String text, Random random) {
        String[] clauses = stripEnd(text).split("，");
        if (clauses.length < 4) {
            return text;
        }
        int at = 1 + random.nextInt(clauses.length - 3);
        String swap = clauses[at];
        clauses[at] = clauses[at + 1];
        clauses[at + 1] = swap;
        return String.join("，", clauses) + "。";
    }

    /** Leaves out one clause in the middle, as a shorter retelling does. */
    private static String dropAClause(String text, Random random) {
        List<String> clauses = new ArrayList<>(List.of(stripEnd(text).split("，")));
        if (clauses.size() < 4) {
            return text;
        }
        clauses.remove(1 + random.nextInt(clauses.size() - 2));
        return String.join("，", clauses) + "。";
    }

    static List<String> seedTexts() {
        List<String> texts = new ArrayList<>();
        List<String> lines = lines("/classifier/seed-corpus.csv");
        for (String line : lines.subList(1, lines.size())) {
            texts.add(line.substring(0, line.indexOf(',')).replace("\"", ""));
        }
        return texts;
    }

    private static List<Pair> tsv(String resource) {
        List<Pair> pairs = new ArrayList<>();
        List<String> lines = lines(resource);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            pairs.add(new Pair(columns[0], columns[1], columns[2]));
        }
        return pairs;
    }

    private static List<String> lines(String resource) {
        try (var in = Rewordings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

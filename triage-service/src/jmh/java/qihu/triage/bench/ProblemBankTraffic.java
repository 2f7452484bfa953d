package qihu.triage.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import qihu.triage.classify.DefaultModel;
import qihu.triage.classify.Trainer;
import qihu.triage.dedup.DuplicateDetector.CaseCandidate;
import qihu.triage.dedup.DuplicateDetector.IncomingRequest;

/**
 * Requests as the load generator sends them (deploy's {@code RequestFactory}): a small bank of problems, each written
 * once with the enterprise's county in it, followed by details of its own (amount, staff, date, address), so most
 * requests have many near-duplicates of other enterprises; now and then the same enterprise raises an earlier problem
 * again, reworded. The problems are seed-corpus requests run together to about 150 characters; a whole request is
 * about 300 characters.
 */
final class ProblemBankTraffic {

    private static final List<String> COUNTIES = List.of("婺城区", "金东区", "武义县", "浦江县", "磐安县", "兰溪市", "义乌市", "东阳市", "永康市");
    private static final List<String> STREETS = List.of("工业园区创业路", "经济开发区科创大道", "物流园区港城路", "高新区兴业街");
    private static final List<String> GREETINGS = List.of("您好，再次反映：", "上次反映后至今未解决，", "催办：");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final List<String> problems;
    private final SplittableRandom random;
    private final List<CaseCandidate> stored = new ArrayList<>();
    private int enterprises;

    ProblemBankTraffic(int problems, long seed) {
        this.random = new SplittableRandom(seed);
        List<String> seedTexts = new ArrayList<>(
                DefaultModel.seedCorpus().stream().map(Trainer.Example::text).toList());
        java.util.Collections.shuffle(seedTexts, new java.util.Random(seed));
        this.problems = new ArrayList<>(problems);
        for (int p = 0; p < problems; p++) {
            StringBuilder problem = new StringBuilder("我司在%s");
            for (int j = 2 * p; problem.length() < 150; j++) {
                problem.append(seedTexts.get(j % seedTexts.size()));
            }
            this.problems.add(problem.toString());
        }
    }

    /** A new case of a new enterprise, {@code second} seconds after the start. */
    CaseCandidate freshCase(int second) {
        String enterprise = nextEnterprise();
        CaseCandidate kase = new CaseCandidate(
                "case-" + stored.size(), enterprise, enterprise + "有限公司", freshText(), START.plusSeconds(second), true);
        stored.add(kase);
        return kase;
    }

    /** 90 %: a new problem of a new enterprise; 10 %: a stored case's enterprise raising it again, reworded. */
    IncomingRequest request(int number, int second) {
        Instant at = START.plusSeconds(second);
        if (random.nextInt(10) == 0 && !stored.isEmpty()) {
            CaseCandidate earlier = stored.get(random.nextInt(stored.size()));
            String again = GREETINGS.get(random.nextInt(GREETINGS.size())) + earlier.text();
            return new IncomingRequest("req-" + number, earlier.enterpriseUscc(), earlier.enterpriseName(), again, at);
        }
        String enterprise = nextEnterprise();
        return new IncomingRequest("req-" + number, enterprise, enterprise + "有限公司", freshText(), at);
    }

    List<CaseCandidate> stored() {
        return stored;
    }

    private String nextEnterprise() {
        return String.format("91330702MA%08d", enterprises++);
    }

    private String freshText() {
        String problem = problems.get(random.nextInt(problems.size()));
        return problem.formatted(COUNTIES.get(random.nextInt(COUNTIES.size())))
                + ("目前涉及金额约%d万元，影响员工%d人，最近一次与相关部门沟通是在%d月%d日。企业地址：%s%d号。"
                                + "恳请在规定时限内给予明确答复，如需企业补充材料或配合现场核查，请通过上述联系方式及时告知，企业将全力配合。")
                        .formatted(
                                5 + random.nextInt(995),
                                10 + random.nextInt(490),
                                1 + random.nextInt(12),
                                1 + random.nextInt(28),
                                STREETS.get(random.nextInt(STREETS.size())),
                                1 + random.nextInt(999));
    }
}

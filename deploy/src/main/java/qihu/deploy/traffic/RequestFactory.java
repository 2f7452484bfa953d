package qihu.deploy.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import qihu.deploy.traffic.ProblemBank.Problem;

/**
 * Realistic canonical requests (about 1 KB each) from the eleven channels: the demo directory's enterprises and, for
 * volume, generated ones with valid 统一社会信用代码 across Jinhua's counties; problems from {@link ProblemBank} with
 * the details that make each one a different request; and now and then the same enterprise raising an earlier
 * problem again through another channel, reworded, as enterprises do when they get no answer.
 */
public final class RequestFactory {

    public static final List<String> CHANNELS = List.of(
            "hotline-12345",
            "zheliban",
            "minhuwowei",
            "sanfuwu",
            "minqing",
            "qiyema",
            "qinqing",
            "haochaping",
            "service-window",
            "forum",
            "field-visit");

    static final Map<String, String> REGIONS = Map.of(
            "330702", "婺城区",
            "330703", "金东区",
            "330723", "武义县",
            "330726", "浦江县",
            "330727", "磐安县",
            "330781", "兰溪市",
            "330782", "义乌市",
            "330783", "东阳市",
            "330784", "永康市");

    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final List<String> REGION_CODES =
            REGIONS.keySet().stream().sorted().toList();
    private static final List<String> TRADE_NAMES =
            List.of("恒信", "华锦", "鼎盛", "瑞丰", "宏远", "金泰", "永诚", "天成", "博远", "新越", "中禾", "凯达");
    private static final List<String> TRADES = List.of("五金制品", "电子科技", "纺织服饰", "工艺品", "物流", "新材料", "食品", "机械制造");
    private static final List<String> SURNAMES = List.of("王", "李", "张", "陈", "刘", "杨", "黄", "吴", "周", "徐");
    private static final int REMEMBERED = 500;

    /** One request as sent, and what a later re-raise of it needs. */
    public record Sent(String channel, Enterprise enterprise, Problem problem, String content) {}

    private final List<Enterprise> directory;
    private final double generatedShare;
    private final SplittableRandom random;
    private final List<Sent> recent = new ArrayList<>();

    /**
     * @param directory the demo enterprises (known to intake's directory)
     * @param generatedShare how many requests come from generated enterprises (1.0 for load, where every request
     *     should be a case of its own)
     */
    public RequestFactory(List<Enterprise> directory, double generatedShare, long seed) {
        this.directory = List.copyOf(directory);
        this.generatedShare = generatedShare;
        this.random = new SplittableRandom(seed);
    }

    /** A new problem from some enterprise through {@code channel}. */
    public synchronized Map<String, Object> fresh(String channel, String channelRequestId) {
        Enterprise enterprise = random.nextDouble() < generatedShare || directory.isEmpty()
                ? generatedEnterprise()
                : directory.get(random.nextInt(directory.size()));
        Problem problem = ProblemBank.PROBLEMS.get(random.nextInt(ProblemBank.PROBLEMS.size()));
        String region = REGIONS.getOrDefault(enterprise.regionCode(), "金华市");
        String content = problem.body().formatted(region) + details();
        Sent sent = new Sent(channel, enterprise, problem, content);
        remember(sent);
        return canonical(sent, channelRequestId, problem.title());
    }

    /**
     * An earlier problem raised again by the same enterprise through another channel (a duplicate triage should
     * merge), or a fresh one if nothing was sent yet.
     */
    public synchronized Map<String, Object> reRaise(String channelRequestId) {
        if (recent.isEmpty()) {
            return fresh(CHANNELS.get(random.nextInt(CHANNELS.size())), channelRequestId);
        }
        Sent earlier = recent.get(random.nextInt(recent.size()));
        String channel;
        do {
            channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        } while (channel.equals(earlier.channel()));
        Sent again = new Sent(channel, earlier.enterprise(), earlier.problem(), earlier.content());
        return canonical(again, channelRequestId, "再次反映：" + earlier.problem().title());
    }

    private void remember(Sent sent) {
        if (recent.size() < REMEMBERED) {
            recent.add(sent);
        } else {
            recent.set(random.nextInt(REMEMBERED), sent);
        }
    }

    private Map<String, Object> canonical(Sent sent, String channelRequestId, String title) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channel", sent.channel());
        request.put("channelRequestId", channelRequestId);
        request.put(
                "enterprise",
                Map.of(
                        "uscc",
                        sent.enterprise().uscc(),
                        "name",
                        sent.enterprise().name()));
        request.put("regionCode", sent.enterprise().regionCode());
        request.put("title", title);
        request.put("content", sent.content());
        String surname = SURNAMES.get(random.nextInt(SURNAMES.size()));
        request.put(
                "contact", Map.of("name", surname + "经理", "phone", "139" + (10_000_000 + random.nextInt(89_999_999))));
        request.put(
                "attachments",
                List.of(Map.of(
                        "name",
                        "情况说明.pdf",
                        "uri",
                        "https://files.qihu.example/" + sent.channel() + "/" + channelRequestId + ".pdf")));
        return request;
    }

    private static final List<String> STREETS = List.of("工业园区创业路", "经济开发区科创大道", "物流园区港城路", "高新区兴业街");

    private String details() {
        return ("目前涉及金额约%d万元，影响员工%d人，最近一次与相关部门沟通是在%d月%d日。企业地址：%s%d号。"
                        + "恳请在规定时限内给予明确答复，如需企业补充材料或配合现场核查，请通过上述联系方式及时告知，企业将全力配合。")
                .formatted(
                        5 + random.nextInt(995),
                        10 + random.nextInt(490),
                        1 + random.nextInt(12),
                        1 + random.nextInt(28),
                        STREETS.get(random.nextInt(STREETS.size())),
                        1 + random.nextInt(999));
    }

    /** A plausible enterprise with a valid credit code (GB 32100 check character) in one of Jinhua's counties. */
    private Enterprise generatedEnterprise() {
        String region = REGION_CODES.get(random.nextInt(REGION_CODES.size()));
        StringBuilder code = new StringBuilder("9133").append(region, 2, 6).append("MA");
        for (int i = 0; i < 7; i++) {
            code.append(USCC_ALPHABET.charAt(random.nextInt(USCC_ALPHABET.length())));
        }
        code.append(checkCharacter(code));
        String trade = TRADES.get(random.nextInt(TRADES.size()));
        String name = REGIONS.get(region).substring(0, 2) + TRADE_NAMES.get(random.nextInt(TRADE_NAMES.size())) + trade
                + "有限公司";
        return new Enterprise(code.toString(), name, region, trade);
    }

    static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < USCC_WEIGHTS.length; i++) {
            sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        return USCC_ALPHABET.charAt((USCC_ALPHABET.length() - sum % USCC_ALPHABET.length()) % USCC_ALPHABET.length());
    }
}

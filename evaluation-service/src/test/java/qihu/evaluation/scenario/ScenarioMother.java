package qihu.evaluation.scenario;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.Classification;
import qihu.events.CloseReason;
import qihu.events.Complexity;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventType;
import qihu.events.FeedbackRecorded;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;

/**
 * A scripted November 2026 of {@value #CASES} cases across two cities, six regions, five boards and five channels —
 * the test data builder ("Mother") of the scenario tests. Each case follows one of ten stories by its number
 * ({@link Story}); every 7th case has a duplicate merged into it; three clusters of related problems and two
 * recurrences are woven in. The script ({@link Script}) is what the tests compute their expected figures from, by
 * their own counting; {@link #events()} is what evaluation sees.
 *
 * <p>November and December 2026 have no holidays: working days are Monday to Friday, which the scripts count
 * themselves.
 */
public final class ScenarioMother {

    public static final int CASES = 300;
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** When the figures are taken: every November case is past its first deadline. */
    public static final Instant AS_OF = at(LocalDate.of(2026, 12, 20), LocalTime.of(12, 0));

    /** Jinhua: Wucheng (and a street of it), Jindong, Yiwu (and a street of it); Quzhou: Kecheng. */
    static final List<String> REGIONS = List.of("330702", "330702002", "330703", "330782", "330782001", "330802");

    static final List<String> BOARDS = List.of("PROJECT", "POLICY", "FINANCE", "TALENT", "APPEAL");
    static final List<String> CHANNELS = List.of("hotline-12345", "zheliban", "qiyema", "minhuwowei", "window");

    /** What happens to a case, by its number modulo 10. */
    public enum Story {
        /** Answered on time (2nd working day), rated 满意, closed that day. */
        SATISFIED,
        SATISFIED_TOO,
        SATISFIED_AGAIN,
        SATISFIED_ONCE_MORE,
        /** Answered on time, 基本满意, closed. */
        BASICALLY_SATISFIED,
        /** Answered late (5th working day, due the 3rd), 满意, closed late. */
        LATE,
        /** Answered on time, never rated: closed as default satisfied at the end of the 7th working day. */
        DEFAULT_SATISFIED,
        /** 不满意 after round 1, reopened, round 2 answered on the 4th working day, 满意, closed. */
        REOPENED_THEN_SATISFIED,
        /** 不满意 after round 1, reopened, round 2 still open. */
        REOPENED_OPEN,
        /** Never answered. */
        UNANSWERED
    }

    /** The three clusters of related problems (case numbers in each), and their wording. */
    public static final Map<String, List<Integer>> CLUSTERS = Map.of(
            "fire", List.of(10, 20, 30, 40, 50, 60),
            "loan", List.of(11, 17),
            "housing", List.of(100, 106, 112));

    static final Map<String, String> CLUSTER_TEXT = Map.of(
            "fire", "厂房消防验收迟迟未办结，消防验收意见书未出具",
            "loan", "小微企业贷款审批缓慢，贷款利率贴息未兑现",
            "housing", "人才公寓申请排队过长，人才公寓配租不透明");

    /** Case 150 repeats case 0, case 151 repeats case 1 (both closed by then). */
    public static final Map<Integer, Integer> RECURRENCES = Map.of(150, 0, 151, 1);

    /** One case's script. */
    public record Script(
            int n,
            String caseId,
            String caseNumber,
            Story story,
            String regionCode,
            String board,
            String channel,
            OwnerLevel level,
            String departmentId,
            String enterpriseUscc,
            LocalDate receivedOn,
            Instant receivedAt,
            List<String> mergedChannels,
            String text,
            List<String> relatedCaseIds,
            String recurrenceOf) {

        /** Working days from the day of receipt to the day of closing, or -1 when not closed. */
        public int workingDaysToClose() {
            switch (story) {
                case LATE:
                    return 5;
                case DEFAULT_SATISFIED:
                    return 7;
                case REOPENED_THEN_SATISFIED:
                    return 4;
                case REOPENED_OPEN:
                case UNANSWERED:
                    return -1;
                default:
                    return 2;
            }
        }

        public boolean closed() {
            return workingDaysToClose() >= 0;
        }

        /** Every round answered by its deadline. */
        public boolean everyRoundOnTime() {
            return closed() && story != Story.LATE;
        }

        public boolean answered() {
            return story != Story.UNANSWERED;
        }

        public boolean reopened() {
            return story == Story.REOPENED_THEN_SATISFIED || story == Story.REOPENED_OPEN;
        }

        public List<Rating> ratings() {
            switch (story) {
                case BASICALLY_SATISFIED:
                    return List.of(Rating.BASICALLY_SATISFIED);
                case DEFAULT_SATISFIED:
                case UNANSWERED:
                    return List.of();
                case REOPENED_THEN_SATISFIED:
                    return List.of(Rating.UNSATISFIED, Rating.SATISFIED);
                case REOPENED_OPEN:
                    return List.of(Rating.UNSATISFIED);
                default:
                    return List.of(Rating.SATISFIED);
            }
        }

        public boolean closedByDefault() {
            return story == Story.DEFAULT_SATISFIED;
        }
    }

    private ScenarioMother() {}

    public static List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        List<LocalDate> workingDays = workingDaysOfNovember();
        for (int n = 0; n < CASES; n++) {
            String region = REGIONS.get(n % REGIONS.size());
            String board = BOARDS.get(n % BOARDS.size());
            OwnerLevel level =
                    region.length() == 9 ? OwnerLevel.TOWNSHIP : n % 3 == 0 ? OwnerLevel.CITY : OwnerLevel.COUNTY;
            String department =
                    (level == OwnerLevel.CITY ? region.substring(0, 4) + "00" : region) + "-" + board.toLowerCase();
            LocalDate receivedOn = workingDays.get(n % workingDays.size());
            List<String> merged = n % 7 == 0 ? List.of(CHANNELS.get((n / 7 + 1) % CHANNELS.size())) : List.of();
            String text = "第" + n + "号诉求：" + topicOf(n);
            List<String> related = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> cluster : CLUSTERS.entrySet()) {
                int at = cluster.getValue().indexOf(n);
                if (at >= 0) {
                    text = "第" + n + "号诉求：" + CLUSTER_TEXT.get(cluster.getKey());
                    if (at > 0) {
                        related.add(caseId(cluster.getValue().get(at - 1)));
                    }
                }
            }
            Integer repeats = RECURRENCES.get(n);
            scripts.add(new Script(
                    n,
                    caseId(n),
                    String.format("QH202611-%06d", n),
                    Story.values()[n % 10],
                    region,
                    board,
                    CHANNELS.get(n % CHANNELS.size()),
                    level,
                    department,
                    // The two recurrences come from the enterprise of the case they repeat.
                    repeats == null ? uscc(n) : uscc(repeats),
                    receivedOn,
                    at(receivedOn, LocalTime.of(9, 0).plusMinutes(7L * (n % 60))),
                    merged,
                    text,
                    related,
                    repeats == null ? null : caseId(repeats)));
        }
        return scripts;
    }

    /** Every event of the scenario, in the order they happened. */
    public static List<EventEnvelope<?>> events() {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (Script s : scripts()) {
            events.addAll(eventsOf(s));
        }
        events.sort(Comparator.comparing(EventEnvelope::occurredAt));
        return events;
    }

    static List<EventEnvelope<?>> eventsOf(Script s) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        String correlation = "req-" + s.caseId();
        events.add(EventEnvelope.of(
                EventIds.of(EventType.CASE_OPENED, s.caseId()),
                s.receivedAt(),
                correlation,
                new CaseOpened(
                        s.caseId(),
                        s.caseNumber(),
                        correlation,
                        s.channel(),
                        new Enterprise(s.enterpriseUscc(), enterpriseName(s.enterpriseUscc())),
                        s.regionCode(),
                        s.text().substring(0, Math.min(20, s.text().length())),
                        s.text(),
                        new Classification(s.board(), Complexity.GENERAL, s.level(), 0.9),
                        s.receivedAt(),
                        s.relatedCaseIds(),
                        s.recurrenceOf())));
        for (int m = 0; m < s.mergedChannels().size(); m++) {
            String requestId = "req-dup-" + s.n() + "-" + m;
            events.add(EventEnvelope.of(
                    EventIds.of(EventType.REQUEST_MERGED, requestId),
                    s.receivedAt().plusSeconds(3600),
                    requestId,
                    new RequestMerged(
                            s.caseId(),
                            s.caseNumber(),
                            requestId,
                            s.mergedChannels().get(m),
                            0.9,
                            "same problem")));
        }
        assign(events, s, 1, 0);
        switch (s.story()) {
            case UNANSWERED:
                break;
            case LATE:
                resolve(events, s, 1, 5, false);
                rateAndClose(events, s, 1, 5, Rating.SATISFIED);
                break;
            case DEFAULT_SATISFIED:
                resolve(events, s, 1, 2, true);
                events.add(close(s, 1, CloseReason.DEFAULT_SATISFIED, null, at(day(s, 7), LocalTime.of(23, 59, 59))));
                break;
            case REOPENED_THEN_SATISFIED:
            case REOPENED_OPEN:
                resolve(events, s, 1, 2, true);
                rate(events, s, 1, 2, Rating.UNSATISFIED);
                events.add(EventEnvelope.of(
                        EventIds.of(EventType.CASE_REOPENED, s.caseId(), 2),
                        at(day(s, 2), LocalTime.of(16, 0, 1)),
                        correlation,
                        new CaseReopened(s.caseId(), 2, "仍未解决", false)));
                assign(events, s, 2, 2);
                if (s.story() == Story.REOPENED_THEN_SATISFIED) {
                    resolve(events, s, 2, 4, true);
                    rateAndClose(events, s, 2, 4, Rating.SATISFIED);
                }
                break;
            default:
                resolve(events, s, 1, 2, true);
                rateAndClose(events, s, 1, 2, s.ratings().get(0));
        }
        return events;
    }

    private static void assign(List<EventEnvelope<?>> events, Script s, int round, int onWorkingDay) {
        Instant at = onWorkingDay == 0 ? s.receivedAt().plusSeconds(60) : at(day(s, onWorkingDay), LocalTime.of(16, 1));
        events.add(EventEnvelope.of(
                EventIds.of(EventType.TASK_ASSIGNED, s.caseId(), round),
                at,
                "req-" + s.caseId(),
                new TaskAssigned(
                        s.caseId(),
                        s.caseId() + "-r" + round,
                        round,
                        s.departmentId(),
                        s.departmentId(),
                        s.regionCode(),
                        s.level(),
                        3,
                        // General cases: due the 3rd working day after the day of receipt (or of reopening).
                        at(day(s, onWorkingDay + 3), LocalTime.of(23, 59, 59)))));
    }

    private static void resolve(List<EventEnvelope<?>> events, Script s, int round, int onWorkingDay, boolean onTime) {
        Instant at = at(day(s, onWorkingDay), LocalTime.of(10, 0));
        events.add(EventEnvelope.of(
                EventIds.of(EventType.TASK_RESOLVED, s.caseId(), round),
                at,
                "req-" + s.caseId(),
                new TaskResolved(
                        s.caseId(),
                        s.caseId() + "-r" + round,
                        round,
                        s.departmentId(),
                        "handler-" + s.n(),
                        "已办理",
                        at,
                        at(day(s, (round == 1 ? 0 : 2) + 3), LocalTime.of(23, 59, 59)),
                        onTime)));
    }

    private static void rate(List<EventEnvelope<?>> events, Script s, int round, int onWorkingDay, Rating rating) {
        events.add(EventEnvelope.of(
                EventIds.of(EventType.FEEDBACK_RECORDED, s.caseId(), round),
                at(day(s, onWorkingDay), LocalTime.of(16, 0)),
                "req-" + s.caseId(),
                new FeedbackRecorded(s.caseId(), round, rating, null, s.channel())));
    }

    private static void rateAndClose(List<EventEnvelope<?>> events, Script s, int round, int onWorkingDay, Rating r) {
        rate(events, s, round, onWorkingDay, r);
        events.add(close(s, round, CloseReason.RATED, r, at(day(s, onWorkingDay), LocalTime.of(16, 0))));
    }

    private static EventEnvelope<CaseClosed> close(Script s, int round, CloseReason reason, Rating r, Instant at) {
        return EventEnvelope.of(
                EventIds.of(EventType.CASE_CLOSED, s.caseId(), round),
                at,
                "req-" + s.caseId(),
                new CaseClosed(s.caseId(), round, reason, r, at));
    }

    /** The {@code n}th working day after the day of receipt (Monday to Friday: no holidays in the scenario). */
    static LocalDate day(Script s, int n) {
        LocalDate day = s.receivedOn();
        for (int i = 0; i < n; ) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                i++;
            }
        }
        return day;
    }

    static List<LocalDate> workingDaysOfNovember() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 11, 2); d.getMonthValue() == 11; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    static String caseId(int n) {
        return String.format("case-s%03d", n);
    }

    /** A distinct 18-character credit code per enterprise (the check character is not validated here). */
    /** Trades in the enterprises' names, by number modulo 3: 制造业, 交通运输、仓储和邮政业, 批发和零售业. */
    static final List<String> TRADES = List.of("精密机械有限公司", "物流有限公司", "商贸有限公司");

    static String enterpriseName(String uscc) {
        int number = Integer.parseInt(uscc.substring(10));
        return "金华" + number + "号" + TRADES.get(number % TRADES.size());
    }

    static String uscc(int n) {
        return String.format("91330700MA%08d", n);
    }

    private static String topicOf(int n) {
        String[] topics = {
            "用电报装容量申请",
            "排污许可证延续",
            "出口退税进度",
            "用工招聘补贴",
            "道路施工影响出入",
            "土地出让金返还",
            "专利资助申报",
            "高新技术企业认定",
            "供水管网改造",
            "食品经营许可变更",
            "外贸订单物流",
            "数据出境评估"
        };
        return topics[n % topics.length] + "事项" + n;
    }

    static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(SHANGHAI).toInstant();
    }
}

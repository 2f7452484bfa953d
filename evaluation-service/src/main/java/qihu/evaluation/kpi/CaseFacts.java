package qihu.evaluation.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import qihu.events.CaseClosed;
import qihu.events.CaseOpened;
import qihu.events.CaseReopened;
import qihu.events.CloseReason;
import qihu.events.Enterprise;
import qihu.events.EventEnvelope;
import qihu.events.FeedbackRecorded;
import qihu.events.OwnerLevel;
import qihu.events.Rating;
import qihu.events.RequestMerged;
import qihu.events.TaskAssigned;
import qihu.events.TaskResolved;

/**
 * Everything the KPIs and reports need to know about one case, folded from its events in the order they happened.
 */
public final class CaseFacts {

    /** One round of handling: who had it last, its deadline, and when and how it was answered. */
    static final class Round {
        Instant dueAt;
        OwnerLevel level;
        String departmentId;
        Instant resolvedAt;
        boolean onTime;
    }

    final String caseId;
    String caseNumber;
    Instant receivedAt;
    String channel;
    String regionCode;
    String board;
    Enterprise enterprise;
    String title;
    String content;
    List<String> relatedCaseIds = List.of();
    String recurrenceOf;
    final List<String> mergedChannels = new ArrayList<>();
    final Map<Integer, Round> rounds = new TreeMap<>();
    final List<Rating> ratings = new ArrayList<>();
    int reopens;
    Instant closedAt;
    CloseReason closeReason;

    public CaseFacts(String caseId) {
        this.caseId = caseId;
    }

    /**
     * The per-case figures the KPIs add up, which do not depend on the query: worked out once after the last event
     * (a read model of a million cases is queried far more often than it changes), forgotten by the next event.
     */
    static final class Derived {
        int merged;
        int ratings;
        int satisfied;
        boolean resolved;
        boolean local;
        boolean reopened;
        Instant firstDue;
        boolean closed;
        boolean everyRoundOnTime;
        boolean closedByDefault;
        long workingDaysToClose;
        List<String> regions;
    }

    private Derived derived;

    Derived derived(BiFunction<Instant, Instant, Long> workingDaysBetween) {
        Derived d = derived;
        if (d == null) {
            d = new Derived();
            d.merged = mergedChannels.size();
            d.ratings = ratings.size();
            for (Rating rating : ratings) {
                if (rating.satisfied()) {
                    d.satisfied++;
                }
            }
            Round answered = lastResolvedRound();
            d.resolved = answered != null;
            d.local =
                    answered != null && (answered.level == OwnerLevel.TOWNSHIP || answered.level == OwnerLevel.COUNTY);
            d.reopened = reopens > 0;
            d.firstDue = firstDueAt();
            d.closed = closedAt != null;
            d.everyRoundOnTime = everyRoundOnTime();
            d.closedByDefault = closeReason == CloseReason.DEFAULT_SATISFIED;
            d.workingDaysToClose = closedAt == null ? 0 : workingDaysBetween.apply(receivedAt, closedAt);
            d.regions = Dimension.regionAndAncestors(regionCode);
            derived = d;
        }
        return d;
    }

    public void apply(EventEnvelope<?> event) {
        derived = null;
        Object payload = event.payload();
        if (payload instanceof CaseOpened opened) {
            caseNumber = opened.caseNumber();
            enterprise = opened.enterprise();
            title = opened.title();
            content = opened.content();
            relatedCaseIds = opened.relatedCaseIds();
            recurrenceOf = opened.recurrenceOf();
            receivedAt = opened.receivedAt();
            channel = opened.channel();
            regionCode = opened.regionCode();
            board = opened.classification().board();
        } else if (payload instanceof RequestMerged merged) {
            mergedChannels.add(merged.channel());
        } else if (payload instanceof TaskAssigned assigned) {
            Round round = round(assigned.round());
            round.dueAt = assigned.dueAt();
            round.level = assigned.level();
            round.departmentId = assigned.departmentId();
        } else if (payload instanceof TaskResolved resolved) {
            Round round = round(resolved.round());
            round.resolvedAt = resolved.resolvedAt();
            round.onTime = resolved.onTime();
            round.departmentId = resolved.departmentId();
        } else if (payload instanceof FeedbackRecorded feedback) {
            ratings.add(feedback.rating());
        } else if (payload instanceof CaseReopened) {
            reopens++;
        } else if (payload instanceof CaseClosed closed) {
            closedAt = closed.closedAt();
            closeReason = closed.reason();
        }
    }

    public String caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String channel() {
        return channel;
    }

    public String regionCode() {
        return regionCode;
    }

    /** The case's region and those above it (a township's county and city). */
    List<String> regions() {
        Derived d = derived;
        return d != null && d.regions != null ? d.regions : Dimension.regionAndAncestors(regionCode);
    }

    public String board() {
        return board;
    }

    /** The enterprise's credit code, or its name when it has none; null if unknown. */
    public String enterpriseKey() {
        if (enterprise == null) {
            return null;
        }
        return enterprise.uscc() != null ? enterprise.uscc() : enterprise.name();
    }

    public String enterpriseName() {
        return enterprise == null ? null : enterprise.name();
    }

    public String title() {
        return title;
    }

    public String content() {
        return content;
    }

    public List<String> relatedCaseIds() {
        return relatedCaseIds;
    }

    public String recurrenceOf() {
        return recurrenceOf;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public int reopens() {
        return reopens;
    }

    private Round round(int number) {
        return rounds.computeIfAbsent(number, n -> new Round());
    }

    public boolean opened() {
        return receivedAt != null;
    }

    /** The deadline the case was first given: what "due" means for the closure rate. */
    Instant firstDueAt() {
        Round first = rounds.get(1);
        return first == null ? null : first.dueAt;
    }

    Round lastRound() {
        return rounds.isEmpty()
                ? null
                : ((TreeMap<Integer, Round>) rounds).lastEntry().getValue();
    }

    /** The latest round that was answered, or null: a reopened round not yet answered does not undo the answer. */
    Round lastResolvedRound() {
        Round answered = null;
        for (Round round : rounds.values()) {
            if (round.resolvedAt != null) {
                answered = round;
            }
        }
        return answered;
    }

    boolean everyRoundOnTime() {
        return rounds.values().stream().allMatch(r -> r.resolvedAt != null && r.onTime);
    }
}

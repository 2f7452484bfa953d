package qihu.evaluation.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    public void apply(EventEnvelope<?> event) {
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

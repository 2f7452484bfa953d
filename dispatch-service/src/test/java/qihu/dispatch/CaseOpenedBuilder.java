package qihu.dispatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import qihu.events.CaseOpened;
import qihu.events.Classification;
import qihu.events.Complexity;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventMother;
import qihu.events.EventType;
import qihu.events.OwnerLevel;

/** A case.opened event as triage would send it; by default a general APPEAL case from Yiwu, Friday 2026-11-20. */
public final class CaseOpenedBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String caseId;
    private final String caseNumber;
    private String regionCode = "330782";
    private String board = "APPEAL";
    private Complexity complexity = Complexity.GENERAL;
    private Instant receivedAt =
            OffsetDateTime.parse("2026-11-20T09:30:00+08:00").toInstant();

    private CaseOpenedBuilder(String caseId) {
        this.caseId = caseId;
        this.caseNumber = "QH20261120-" + String.format("%06d", SEQUENCE.incrementAndGet());
    }

    /** A case with a fresh id starting with {@code label}: topics keep the events of earlier tests. */
    public static CaseOpenedBuilder aCase(String label) {
        return new CaseOpenedBuilder("case-" + label + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime());
    }

    public CaseOpenedBuilder inRegion(String regionCode) {
        this.regionCode = regionCode;
        return this;
    }

    public CaseOpenedBuilder onBoard(String board) {
        this.board = board;
        return this;
    }

    public CaseOpenedBuilder complexity(Complexity complexity) {
        this.complexity = complexity;
        return this;
    }

    public CaseOpenedBuilder receivedAt(String isoOffsetDateTime) {
        this.receivedAt = OffsetDateTime.parse(isoOffsetDateTime).toInstant();
        return this;
    }

    public String caseId() {
        return caseId;
    }

    public String requestId() {
        return caseId.replaceFirst("^case-", "req-");
    }

    public CaseOpened build() {
        CaseOpened sample = EventMother.caseOpened();
        return new CaseOpened(
                caseId,
                caseNumber,
                requestId(),
                sample.channel(),
                sample.enterprise(),
                regionCode,
                sample.title(),
                sample.content(),
                new Classification(board, complexity, OwnerLevel.COUNTY, 0.0),
                receivedAt);
    }

    public EventEnvelope<CaseOpened> event() {
        return EventEnvelope.of(
                EventIds.of(EventType.CASE_OPENED, caseId), receivedAt.plusSeconds(1), requestId(), build());
    }
}

package qihu.evaluation.feedback;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import qihu.evaluation.feedback.EvaluatedCase.RatingEntry;
import qihu.events.CaseClosed;
import qihu.events.CaseReopened;
import qihu.events.CloseReason;
import qihu.events.EventEnvelope;
import qihu.events.EventIds;
import qihu.events.EventPayload;
import qihu.events.EventType;
import qihu.events.FeedbackRecorded;
import qihu.events.Rating;
import qihu.support.outbox.Outbox;
import qihu.support.outbox.OutboxRelay;
import qihu.support.web.ConflictException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Mono;

/**
 * Takes the enterprise's rating of a round: satisfied (满意, 基本满意) closes the case, unsatisfied (不满意) reopens it
 * for another round (重办), escalated one level up once the reopen cap is reached. One rating per round: the update
 * only applies while the round awaits a rating.
 */
@Service
public class FeedbackService {

    private final ReactiveMongoTemplate mongo;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final FeedbackProperties properties;
    private final RatingLinkIssuer links;
    private final Clock clock;

    public FeedbackService(
            ReactiveMongoTemplate mongo,
            Outbox outbox,
            OutboxRelay relay,
            FeedbackProperties properties,
            RatingLinkIssuer links,
            Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.links = links;
        this.clock = clock;
    }

    /** What the rating page shows for a link: the case, the answer to rate, and whether it still awaits a rating. */
    public record Invitation(
            String caseId, String caseNumber, int round, String reply, Instant expiresAt, boolean awaitingRating) {}

    /** The case a signed link invites to rate, checked as a rating is (missing 401, forged, foreign, expired 403). */
    public Mono<Invitation> invitation(String caseId, String token) {
        if (token == null) {
            return Mono.error(RatingLinkRefusedException.missing());
        }
        RatingLinks.Verdict verdict = links.verify(token, caseId, clock.instant());
        if (!verdict.valid()) {
            return Mono.error(RatingLinkRefusedException.of(verdict.refusal()));
        }
        int round = verdict.grant().round();
        return mongo.findById(caseId, EvaluatedCase.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId)))
                .map(c -> new Invitation(
                        caseId,
                        c.caseNumber(),
                        round,
                        c.round() == round ? c.reply() : null,
                        verdict.grant().expiresAt(),
                        c.state() == CaseState.AWAITING_FEEDBACK && c.round() == round));
    }

    /**
     * Records a rating presented with the signed link's {@code token}: a missing, forged, foreign or expired token is
     * refused before anything is read or written.
     */
    public Mono<EvaluatedCase> rate(String caseId, String token, Rating rating, String comment, String channel) {
        Integer grantedRound = null;
        if (token != null || links.tokenRequired()) {
            if (token == null) {
                return Mono.error(RatingLinkRefusedException.missing());
            }
            RatingLinks.Verdict verdict = links.verify(token, caseId, clock.instant());
            if (!verdict.valid()) {
                return Mono.error(RatingLinkRefusedException.of(verdict.refusal()));
            }
            grantedRound = verdict.grant().round();
        }
        Integer round = grantedRound;
        return mongo.findById(caseId, EvaluatedCase.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId)))
                .flatMap(current -> {
                    if (current.state() != CaseState.AWAITING_FEEDBACK) {
                        return Mono.error(
                                new ConflictException("case " + caseId + " has no result awaiting a rating (it is "
                                        + current.state() + "); each round is rated once"));
                    }
                    if (round != null && round != current.round()) {
                        return Mono.error(new ConflictException("the link rates round " + round + " of case " + caseId
                                + ", which was rated; the case is in round " + current.round()));
                    }
                    Update update = rating.satisfied()
                            ? close(current, rating, comment, channel)
                            : reopen(current, rating, comment, channel);
                    return mongo.updateFirst(
                                    query(where("_id")
                                            .is(caseId)
                                            .and("state")
                                            .is(CaseState.AWAITING_FEEDBACK)
                                            .and("round")
                                            .is(current.round())),
                                    update,
                                    EvaluatedCase.class)
                            .flatMap(result -> result.getModifiedCount() == 1
                                    ? relay.relay(EvaluatedCase.COLLECTION, caseId)
                                            .then(mongo.findById(caseId, EvaluatedCase.class))
                                    : Mono.error(new ConflictException(
                                            "case " + caseId + " was rated meanwhile; each round is rated once")));
                });
    }

    private Update close(EvaluatedCase current, Rating rating, String comment, String channel) {
        Instant now = clock.instant();
        Update update = recordRating(current, rating, comment, channel, now)
                .set("state", CaseState.CLOSED)
                .set("closedAt", now)
                .set("closeReason", CloseReason.RATED);
        return outbox.append(
                update,
                feedbackEvent(current, rating, comment, channel),
                event(
                        current,
                        EventIds.of(EventType.CASE_CLOSED, current.caseId(), current.round()),
                        new CaseClosed(current.caseId(), current.round(), CloseReason.RATED, rating, now)));
    }

    private Update reopen(EvaluatedCase current, Rating rating, String comment, String channel) {
        int reopens = current.reopenCount() + 1;
        boolean escalate = reopens > properties.maxReopens();
        int nextRound = current.round() + 1;
        Update update = recordRating(current, rating, comment, channel, clock.instant())
                .set("state", CaseState.REOPENED)
                .set("round", nextRound)
                .set("reopenCount", reopens);
        return outbox.append(
                update,
                feedbackEvent(current, rating, comment, channel),
                event(
                        current,
                        EventIds.of(EventType.CASE_REOPENED, current.caseId(), nextRound),
                        new CaseReopened(current.caseId(), nextRound, comment, escalate)));
    }

    private static Update recordRating(
            EvaluatedCase current, Rating rating, String comment, String channel, Instant at) {
        return new Update().push("ratings", new RatingEntry(current.round(), rating, comment, channel, at));
    }

    private EventEnvelope<FeedbackRecorded> feedbackEvent(
            EvaluatedCase current, Rating rating, String comment, String channel) {
        return event(
                current,
                EventIds.of(EventType.FEEDBACK_RECORDED, current.caseId(), current.round()),
                new FeedbackRecorded(current.caseId(), current.round(), rating, comment, channel));
    }

    private <P extends EventPayload> EventEnvelope<P> event(EvaluatedCase current, String eventId, P payload) {
        String correlationId = current.correlationId() == null ? current.caseId() : current.correlationId();
        return EventEnvelope.of(eventId, clock.instant(), correlationId, payload);
    }
}

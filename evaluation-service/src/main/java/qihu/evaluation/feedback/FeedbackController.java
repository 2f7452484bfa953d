package qihu.evaluation.feedback;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import qihu.events.Rating;
import qihu.support.web.FieldViolation;
import qihu.support.web.InvalidInputException;
import qihu.support.web.NotFoundException;
import reactor.core.publisher.Mono;

/** The enterprise's rating of a case's result, and a case's evaluation record. */
@RestController
@RequestMapping("/api/v1/cases")
public class FeedbackController {

    static final int MAX_COMMENT = 500;

    private final FeedbackService feedback;
    private final ReactiveMongoTemplate mongo;

    public FeedbackController(FeedbackService feedback, ReactiveMongoTemplate mongo) {
        this.feedback = feedback;
        this.mongo = mongo;
    }

    /**
     * 满意 SATISFIED / 基本满意 BASICALLY_SATISFIED / 不满意 UNSATISFIED, with an optional comment; {@code token} is the
     * signed rating link's (it may come in the body or, as in the link itself, as a query parameter).
     */
    public record FeedbackCommand(Rating rating, String comment, String channel, String token) {}

    @PostMapping("/{caseId}/feedback")
    public Mono<EvaluatedCaseView> rate(
            @PathVariable String caseId,
            @RequestParam(name = "token", required = false) String linkToken,
            @RequestBody FeedbackCommand command) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.rating() == null) {
            violations.add(new FieldViolation("rating", "is required: one of " + List.of(Rating.values())));
        }
        if (command.comment() != null && command.comment().length() > MAX_COMMENT) {
            violations.add(new FieldViolation("comment", "must be at most " + MAX_COMMENT + " characters"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidInputException(violations));
        }
        String token = command.token() != null ? command.token() : linkToken;
        return feedback.rate(caseId, token, command.rating(), command.comment(), command.channel())
                .map(EvaluatedCaseView::of);
    }

    @GetMapping("/{caseId}")
    public Mono<EvaluatedCaseView> byId(@PathVariable String caseId) {
        return mongo.findById(caseId, EvaluatedCase.class)
                .switchIfEmpty(Mono.error(new NotFoundException("no case " + caseId)))
                .map(EvaluatedCaseView::of);
    }

    /** A case's evaluation record without its internal outbox. */
    public record EvaluatedCaseView(
            String caseId,
            String caseNumber,
            CaseState state,
            int round,
            int reopenCount,
            String reply,
            List<EvaluatedCase.RatingEntry> ratings,
            List<String> mergedRequestIds) {

        static EvaluatedCaseView of(EvaluatedCase c) {
            return new EvaluatedCaseView(
                    c.caseId(),
                    c.caseNumber(),
                    c.state(),
                    c.round(),
                    c.reopenCount(),
                    c.reply(),
                    c.ratings() == null ? List.of() : c.ratings(),
                    c.mergedRequestIds() == null ? List.of() : c.mergedRequestIds());
        }
    }
}

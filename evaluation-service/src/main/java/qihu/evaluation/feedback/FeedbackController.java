package qihu.evaluation.feedback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    /**
     * The rating link opened in a browser: the rating page (static/rate/index.html), which reads the link's case and
     * token from its own address and posts the rating here.
     */
    @GetMapping(value = "/{caseId}/feedback", produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<Resource>> ratingPage(@PathVariable String caseId) {
        return Mono.just(ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(RATING_PAGE));
    }

    /** What the link invites to rate (for the page); the token is checked as for a rating. */
    @GetMapping(value = "/{caseId}/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<FeedbackService.Invitation> invitation(
            @PathVariable String caseId, @RequestParam(name = "token", required = false) String token) {
        return feedback.invitation(caseId, token);
    }

    private static final Resource RATING_PAGE = new ClassPathResource("static/rate/index.html");

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

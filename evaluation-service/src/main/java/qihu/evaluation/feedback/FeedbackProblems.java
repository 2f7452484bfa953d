package qihu.evaluation.feedback;

import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import qihu.support.web.FieldViolation;

/** A refused rating link as problem+json naming the {@code token} field, like every other bad input. */
@RestControllerAdvice(assignableTypes = FeedbackController.class)
class FeedbackProblems {

    @ExceptionHandler(RatingLinkRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RatingLinkRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), "token: " + e.getMessage());
        problem.setTitle("Rating link refused");
        problem.setProperty("errors", List.of(new FieldViolation("token", e.getMessage())));
        return ResponseEntity.status(e.status()).body(problem);
    }
}

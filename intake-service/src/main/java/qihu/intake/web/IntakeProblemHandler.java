package qihu.intake.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import qihu.support.web.FieldViolation;

/** Intake's own refusals, in the same problem+json shape as service-support's handler. */
@RestControllerAdvice
class IntakeProblemHandler {

    @ExceptionHandler(ForeignChannelException.class)
    ResponseEntity<ProblemDetail> foreignChannel(ForeignChannelException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setProperty(
                "errors", List.of(new FieldViolation("channel", "'" + e.claimed() + "' is not the signing channel")));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
}

package qihu.support.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import qihu.support.StoreOutage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error a caller can cause into an RFC 9457 problem+json answer that names the field, and every other
 * failure into a problem without internals. Never a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final URI INVALID_INPUT = URI.create("https://qihu.example/problems/invalid-input");
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return badRequest(e.violations());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadableInput(ServerWebInputException e) {
        return badRequest(List.of(violationOf(e)));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    /**
     * Spring's translation leaves some outages uncategorized (the driver's pool paused after a failed operation):
     * those are a 503 too; anything else the store refused is a 500, still as a problem.
     */
    @ExceptionHandler(UncategorizedMongoDbException.class)
    ResponseEntity<ProblemDetail> storeFailed(UncategorizedMongoDbException e) {
        if (StoreOutage.isCause(e)) {
            return storeUnavailable(e);
        }
        log.error("the store failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The store failed; nothing was accepted.");
    }

    /** The store is unreachable: nothing was accepted, the caller should retry. */
    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException e) {
        log.warn("store unavailable: {}", e.getMessage());
        ResponseEntity<ProblemDetail> answer =
                problem(HttpStatus.SERVICE_UNAVAILABLE, "The store is unavailable; nothing was accepted. Retry later.");
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(STORE_RETRY_AFTER.toSeconds()))
                .body(answer.getBody());
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(INVALID_INPUT);
        problem.setTitle("Invalid input");
        problem.setDetail(
                violations.size() == 1
                        ? violations.get(0).field() + ": " + violations.get(0).message()
                        : violations.size() + " fields are invalid");
        problem.setProperty("errors", violations);
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /** Names the field a JSON reading error is about, e.g. {@code receivedAt} or {@code attachments[0].uri}. */
    static FieldViolation violationOf(ServerWebInputException e) {
        if (e instanceof MissingRequestValueException missing) {
            return new FieldViolation(missing.getName(), "is required");
        }
        MethodParameter parameter = e.getMethodParameter();
        if (parameter != null && !parameter.hasParameterAnnotation(RequestBody.class)) {
            // A query or path parameter that could not be converted, e.g. ?status=DONE.
            return new FieldViolation(parameterName(parameter), "has the wrong type or value");
        }
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof StreamReadException syntax) {
            return new FieldViolation("body", "malformed JSON: " + syntax.getOriginalMessage());
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return new FieldViolation(path(jackson.getPath()), readableReason(jackson));
        }
        if (e.getCause() instanceof DecodingException decoding) {
            return new FieldViolation("body", decoding.getMessage());
        }
        return new FieldViolation("body", e.getReason() == null ? "unreadable request body" : e.getReason());
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null && !query.name().isEmpty()) {
            return query.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return parameter.getParameterName();
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String readableReason(JacksonException e) {
        if (e instanceof InvalidFormatException format) {
            return "has the wrong format: '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException) {
            // Jackson's own message names Java types; callers need the gist, not our class names.
            return "has the wrong type";
        }
        return e.getOriginalMessage();
    }
}

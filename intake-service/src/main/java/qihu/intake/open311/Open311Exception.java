package qihu.intake.open311;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import qihu.support.web.FieldViolation;

/**
 * A refusal in Open311's terms: the spec wants 403 for a missing or wrong {@code api_key}, 404 for what does not
 * exist (a service code, a request, a jurisdiction) and 400 for the rest, each error naming the field.
 *
 * @param retryAfter for 429 and 503: when to try again; null otherwise
 */
final class Open311Exception extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldViolation> errors;
    private final Duration retryAfter;

    Open311Exception(HttpStatus status, List<FieldViolation> errors, Duration retryAfter) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    Open311Exception(HttpStatus status, String field, String message) {
        this(status, List.of(new FieldViolation(field, message)), null);
    }

    static Open311Exception forbidden(String field, String message) {
        return new Open311Exception(HttpStatus.FORBIDDEN, field, message);
    }

    static Open311Exception notFound(String field, String message) {
        return new Open311Exception(HttpStatus.NOT_FOUND, field, message);
    }

    static Open311Exception badRequest(String field, String message) {
        return new Open311Exception(HttpStatus.BAD_REQUEST, field, message);
    }

    HttpStatus status() {
        return status;
    }

    List<FieldViolation> errors() {
        return errors;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}

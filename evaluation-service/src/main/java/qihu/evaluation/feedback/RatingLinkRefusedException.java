package qihu.evaluation.feedback;

import org.springframework.http.HttpStatus;

/** A rating came without a valid signed link: 401 when there was none, 403 when it was forged, foreign or stale. */
public class RatingLinkRefusedException extends RuntimeException {

    private final HttpStatus status;

    private RatingLinkRefusedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    static RatingLinkRefusedException missing() {
        return new RatingLinkRefusedException(
                HttpStatus.UNAUTHORIZED, "is required: the token of the rating link sent with the answer");
    }

    static RatingLinkRefusedException of(RatingLinks.Refusal refusal) {
        String why = switch (refusal) {
            case FORGED -> "is not a rating link evaluation signed";
            case OTHER_CASE -> "was issued for another case";
            case EXPIRED -> "has expired";
        };
        return new RatingLinkRefusedException(HttpStatus.FORBIDDEN, why);
    }

    public HttpStatus status() {
        return status;
    }
}

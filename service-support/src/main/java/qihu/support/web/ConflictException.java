package qihu.support.web;

/** The request is well-formed but not allowed in the current state (claiming a claimed task); answered as 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}

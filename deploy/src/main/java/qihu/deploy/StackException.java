package qihu.deploy;

/** The local stack could not be started or configured; the message is meant for a human. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}

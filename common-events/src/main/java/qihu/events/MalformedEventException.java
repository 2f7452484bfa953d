package qihu.events;

/** Bytes on a topic that are not a well-formed event of a known type: a bug on the producing side. */
public final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

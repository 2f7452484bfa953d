package qihu.events;

/** An event this version cannot read: an unknown type or a newer, breaking schema version. Consumers skip it. */
public final class UnknownEventException extends RuntimeException {
    public UnknownEventException(String message) {
        super(message);
    }
}

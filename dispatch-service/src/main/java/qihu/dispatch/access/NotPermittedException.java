package qihu.dispatch.access;

/** The caller is signed in but their role may not do this; answered as 403 naming why. */
public class NotPermittedException extends RuntimeException {
    public NotPermittedException(String message) {
        super(message);
    }
}

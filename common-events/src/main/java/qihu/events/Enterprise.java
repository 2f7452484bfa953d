package qihu.events;

/**
 * The enterprise that raised a request.
 *
 * @param uscc 统一社会信用代码 (unified social credit code), null when the channel sent only a name that could not be
 *     resolved
 */
public record Enterprise(String uscc, String name) {

    public boolean identified() {
        return uscc != null;
    }
}

package qihu.intake.request;

import java.util.HexFormat;

/**
 * A request's id is derived from its channel and the channel's own id, so a re-sent request maps onto the stored one
 * by a unique key alone: there is no window in which two copies can both be accepted.
 */
public final class RequestIds {

    private static final int ID_BYTES = 12;

    private RequestIds() {}

    public static String of(String channel, String channelRequestId) {
        return "req-" + HexFormat.of().formatHex(Sha256.of(channel + '\n' + channelRequestId), 0, ID_BYTES);
    }
}

package qihu.intake.channel;

import java.util.List;
import qihu.intake.callback.AnswerShape;

/**
 * One channel system's adapter: its native JSON shape, bound to {@code P} by the channel's own field names, and how
 * that maps to canonical requests. A new channel is a line in {@code qihu.intake.channels} plus one class
 * implementing this (a Spring component), with its shape documented in CHANNELS.md.
 *
 * @param <P> the channel's payload, a record whose components carry the channel's field names
 */
public interface ChannelMapper<P> {

    /** The channel's code, as configured in {@code qihu.intake.channels}. */
    String channel();

    Class<P> payloadType();

    /** How the channel wants status changes and results told back: its field names and its time format. */
    default AnswerShape answerShape() {
        return AnswerShape.CANONICAL;
    }

    /**
     * Whether one payload carries several problems (a meeting, a visit). A batch is answered per item; a single
     * request is answered like {@code POST /api/v1/requests}.
     */
    default boolean batch() {
        return false;
    }

    /**
     * The canonical requests in the payload, each with what was wrong with it in the channel's terms. Throws
     * {@link qihu.support.web.InvalidInputException} when the payload as a whole is unusable (a batch without its
     * meeting number).
     */
    List<ChannelItem> map(P payload);
}

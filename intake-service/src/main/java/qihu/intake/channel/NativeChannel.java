package qihu.intake.channel;

import qihu.intake.callback.AnswerShape;

/** The parts every channel adapter states the same way: its code, its payload type and how it is answered. */
abstract class NativeChannel<P> implements ChannelMapper<P> {

    private final String channel;
    private final Class<P> payloadType;
    private final AnswerShape answerShape;

    NativeChannel(String channel, Class<P> payloadType, AnswerShape answerShape) {
        this.channel = channel;
        this.payloadType = payloadType;
        this.answerShape = answerShape;
    }

    @Override
    public final String channel() {
        return channel;
    }

    @Override
    public final Class<P> payloadType() {
        return payloadType;
    }

    @Override
    public final AnswerShape answerShape() {
        return answerShape;
    }
}

package qihu.events;

/** The enterprise's rating of a result: 满意 / 基本满意 / 不满意. */
public enum Rating {
    SATISFIED,
    BASICALLY_SATISFIED,
    UNSATISFIED;

    public boolean satisfied() {
        return this != UNSATISFIED;
    }
}

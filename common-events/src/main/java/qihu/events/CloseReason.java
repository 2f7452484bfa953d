package qihu.events;

/** Why a case closed: a real rating, or no rating in time (默认满意, counted apart from real ratings). */
public enum CloseReason {
    RATED,
    DEFAULT_SATISFIED
}

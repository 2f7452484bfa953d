package qihu.dispatch.task;

/** A task's place in its lifecycle: 待签收 assigned, 办理中 claimed, 暂停 paused, 已办结 resolved. */
public enum TaskStatus {
    ASSIGNED,
    CLAIMED,
    RESOLVED,
    /** 暂停计时: claimed, the clock stopped while the enterprise supplies material. */
    PAUSED,
    /** Returned too often, or nobody else serves it: waits for a person to route it (人工分拨). */
    UNROUTED
}

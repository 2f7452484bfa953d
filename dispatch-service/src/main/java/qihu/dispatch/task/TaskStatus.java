package qihu.dispatch.task;

/** A task's place in its lifecycle: 待签收 assigned, 办理中 claimed, 已办结 resolved. */
public enum TaskStatus {
    ASSIGNED,
    CLAIMED,
    RESOLVED,
    /** Returned too often, or nobody else serves it: waits for a person to route it (人工分拨). */
    UNROUTED
}

package qihu.dispatch.task;

/** A task's place in its lifecycle: 待签收 assigned, 办理中 claimed, 已办结 resolved. */
public enum TaskStatus {
    ASSIGNED,
    CLAIMED,
    RESOLVED
}

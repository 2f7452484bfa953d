package qihu.events;

/** Traffic light of a task's deadline: green on time, yellow warned, red overdue. */
public enum SlaColour {
    GREEN,
    YELLOW,
    RED
}

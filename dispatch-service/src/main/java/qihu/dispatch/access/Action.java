package qihu.dispatch.access;

/** What someone may do beyond looking at tasks; which role may do what is {@link Role}'s. */
public enum Action {
    /** 签收. */
    CLAIM("claim tasks"),
    /** 办结. */
    RESOLVE("resolve tasks"),
    /** 退回. */
    RETURN("return tasks"),
    /** 转办, also the manual routing of a task nobody else serves. */
    TRANSFER("transfer tasks"),
    /** Loading a holiday year and reading the calendar audit. */
    ADMINISTER_CALENDAR("administer the calendar");

    private final String description;

    Action(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

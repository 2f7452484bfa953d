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
    /** 暂停计时 and its end: the clock stops while the enterprise supplies material. */
    PAUSE("pause and resume tasks"),
    /** 申请延期. */
    REQUEST_EXTENSION("request extensions"),
    /** 延期审批: approve or refuse an extension. */
    DECIDE_EXTENSION("approve or refuse extensions"),
    /** 协办: ask other departments to assist the lead department. */
    ADD_ASSISTANTS("add assisting departments"),
    /** 协办意见: an assisting department's opinion. */
    GIVE_OPINION("give assisting opinions"),
    /** Loading a holiday year and reading the calendar audit. */
    ADMINISTER_CALENDAR("administer the calendar"),
    /** Editing regions and departments and reading the directory audit. */
    ADMINISTER_DIRECTORY("administer the directory");

    private final String description;

    Action(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

package qihu.dispatch.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed-in person is in Qihu, each scoped to a region (and a handler to a department). Seeing tasks comes with
 * every role; the actions are the role's own.
 */
public enum Role {
    /**
     * 经办人: their department's tasks only; claims, answers, returns and pauses them, asks for extensions and for
     * assisting departments, and gives opinions on the tasks their department assists.
     */
    HANDLER(
            Action.CLAIM,
            Action.RESOLVE,
            Action.RETURN,
            Action.PAUSE,
            Action.REQUEST_EXTENSION,
            Action.ADD_ASSISTANTS,
            Action.GIVE_OPINION),
    /**
     * 督办: every task of their region and the regions below it; transfers (转办), routes waiting tasks, decides
     * extensions and adds assisting departments.
     */
    SUPERVISOR(Action.TRANSFER, Action.DECIDE_EXTENSION, Action.ADD_ASSISTANTS),
    /** 领导: every task of their region and below, read only. */
    LEADER(),
    /** 管理员: everything, everywhere, including calendar and directory administration. */
    ADMIN(Action.values());

    private final Set<Action> actions;

    Role(Action... actions) {
        this.actions = actions.length == 0 ? EnumSet.noneOf(Action.class) : EnumSet.of(actions[0], actions);
    }

    public Set<Action> actions() {
        return Set.copyOf(actions);
    }

    /** The claim value ({@code handler}, {@code supervisor}, …), in any case; empty for anything else. */
    public static Optional<Role> of(String claim) {
        try {
            return Optional.of(valueOf(claim.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The claim value, as tokens carry it. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}

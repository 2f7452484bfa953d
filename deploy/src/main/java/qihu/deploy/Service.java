package qihu.deploy;

import java.util.List;

/**
 * The sign-in and the four Qihu services, each a Maven module that builds {@code <module>/target/<module>.jar}. The
 * sign-in comes first: the stack starts it before the others.
 */
public enum Service {
    /** The local OpenID Connect provider whose tokens the services accept. */
    AUTH("auth-server"),
    INTAKE("intake-service"),
    TRIAGE("triage-service"),
    DISPATCH("dispatch-service"),
    EVALUATION("evaluation-service");

    /**
     * The four services that make up Qihu in production; the sign-in stands in locally for the organisation's own
     * OpenID Connect provider and is not deployed with them.
     */
    public static final List<Service> DEPLOYED = List.of(INTAKE, TRIAGE, DISPATCH, EVALUATION);

    private final String moduleName;

    Service(String moduleName) {
        this.moduleName = moduleName;
    }

    /** Maven module (and jar, log and pid file) name, e.g. {@code intake-service}. */
    public String moduleName() {
        return moduleName;
    }

    /** Short lower-case name for tables and the command line, e.g. {@code intake}. */
    public String shortName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package qihu.deploy;

/** The four Qihu services, each a Maven module that builds {@code <module>/target/<module>.jar}. */
public enum Service {
    INTAKE("intake-service"),
    TRIAGE("triage-service"),
    DISPATCH("dispatch-service"),
    EVALUATION("evaluation-service");

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

package qihu.evaluation.report;

import java.util.Locale;

/** 周报, 月报, or a period asked for on demand. */
public enum ReportKind {
    WEEKLY,
    MONTHLY,
    CUSTOM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

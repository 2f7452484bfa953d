package qihu.events;

import java.time.LocalDate;
import java.util.List;

/** A common-issue report (举一反三) was generated and stored; formats name the downloadable files. */
public record ReportPublished(
        String reportId, String kind, LocalDate periodStart, LocalDate periodEnd, List<String> formats)
        implements EventPayload {

    public ReportPublished {
        formats = List.copyOf(formats);
    }

    @Override
    public String partitionKey() {
        return reportId;
    }
}

package qihu.evaluation.dashboard;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Where the dashboard's "top common issues" come from. Until a bean of this type exists (the common-issue reports'
 * clusters), the dashboard shows the service boards with the most cases instead, and says so.
 */
public interface CommonIssueSource {

    /** Shown with the issues, e.g. "weekly report 2026-W47". */
    String name();

    /** The most common issues of the cases in {@code scope}, most common first, at most {@code limit}. */
    Mono<List<CommonIssue>> top(RegionScope scope, int limit);
}

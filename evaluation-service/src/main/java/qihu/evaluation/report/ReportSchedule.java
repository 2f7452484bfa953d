package qihu.evaluation.report;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/**
 * Looks for a due weekly or monthly report on every instance; the period's lease and the report's deterministic id
 * make one of them generate it and publish it once.
 */
@Component
@ConditionalOnProperty(name = "qihu.evaluation.reports.scheduled", matchIfMissing = true)
class ReportSchedule extends PeriodicTask {

    ReportSchedule(ReportPublisher publisher, ReportProperties properties) {
        super("common-issue report schedule", properties.checkInterval(), publisher::publishDue);
    }
}

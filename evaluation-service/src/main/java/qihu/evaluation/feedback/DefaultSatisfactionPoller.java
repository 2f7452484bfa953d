package qihu.evaluation.feedback;

import org.springframework.stereotype.Component;
import qihu.support.scheduling.PeriodicTask;

/** Looks for unrated cases past their window; safe to run on every instance (see {@link DefaultSatisfaction}). */
@Component
class DefaultSatisfactionPoller extends PeriodicTask {

    DefaultSatisfactionPoller(DefaultSatisfaction defaults, FeedbackProperties properties) {
        super("default-satisfaction poll", properties.pollInterval(), defaults::closeUnrated);
    }
}

package qihu.evaluation.feedback;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Feedback rules ({@code qihu.evaluation.*}).
 *
 * @param maxReopens reopens (重办) to the same owner before the next one is escalated one level up
 * @param ratingWindowWorkingDays working days after the answer within which the enterprise may rate; after that the
 *     case closes as default satisfied (默认满意), counted apart from real ratings
 * @param zone the zone in which working days are counted
 * @param pollInterval how often cases past their rating window are looked for
 */
@ConfigurationProperties("qihu.evaluation")
public record FeedbackProperties(
        @DefaultValue("2") int maxReopens,
        @DefaultValue("5") int ratingWindowWorkingDays,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("1m") Duration pollInterval) {}

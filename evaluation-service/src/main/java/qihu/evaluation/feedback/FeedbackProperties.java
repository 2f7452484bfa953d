package qihu.evaluation.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Feedback rules ({@code qihu.evaluation.*}).
 *
 * @param maxReopens reopens (重办) to the same owner before the next one is escalated one level up
 */
@ConfigurationProperties("qihu.evaluation")
public record FeedbackProperties(@DefaultValue("2") int maxReopens) {}

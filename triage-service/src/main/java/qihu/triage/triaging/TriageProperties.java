package qihu.triage.triaging;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import qihu.events.Classification;

/**
 * Triage settings ({@code qihu.triage.*}).
 *
 * @param defaultClassification what a new case gets until the classifier decides better
 * @param caseNumberPrefix case numbers read {@code <prefix><yyyyMMdd>-<sequence>}, dated in {@code zone}
 */
@ConfigurationProperties("qihu.triage")
public record TriageProperties(
        Classification defaultClassification,
        @DefaultValue("QH") String caseNumberPrefix,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {

    public TriageProperties {
        if (defaultClassification == null) {
            throw new IllegalArgumentException("qihu.triage.default-classification is required");
        }
    }
}

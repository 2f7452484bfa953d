package qihu.triage.triaging;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import qihu.events.Classification;
import qihu.triage.dedup.DedupPolicy;

/**
 * Triage settings ({@code qihu.triage.*}).
 *
 * @param defaultClassification what a new case gets when the classifier is switched off
 * @param caseNumberPrefix case numbers read {@code <prefix><yyyyMMdd>-<sequence>}, dated in {@code zone}
 * @param dedup near-duplicate detection ({@code qihu.triage.dedup.*})
 * @param classifier classification ({@code qihu.triage.classifier.*})
 * @param manual the manual triage queue ({@code qihu.triage.manual.*})
 */
@ConfigurationProperties("qihu.triage")
public record TriageProperties(
        Classification defaultClassification,
        @DefaultValue("QH") String caseNumberPrefix,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue Dedup dedup,
        @DefaultValue Classifier classifier,
        @DefaultValue Manual manual) {

    public TriageProperties {
        if (defaultClassification == null) {
            throw new IllegalArgumentException("qihu.triage.default-classification is required");
        }
    }

    /**
     * Thresholds of {@link DedupPolicy} (see there), and how the candidates are found.
     *
     * @param maxSameEnterpriseCases the enterprise's most recent cases read from the store for every request
     * @param indexRefreshInterval how often cases other instances opened are added to this instance's index
     * @param analysisCacheSize cases whose analysed text is kept for comparisons (least recently used out; 0: none)
     */
    public record Dedup(
            @DefaultValue("0.75") double duplicateScore,
            @DefaultValue("0.60") double uncertainScore,
            @DefaultValue("0.50") double relatedScore,
            @DefaultValue("90d") Duration duplicateWindow,
            @DefaultValue("0.25") double candidateSimilarity,
            @DefaultValue("5") int maxRelatedCandidates,
            @DefaultValue("50") int maxSameEnterpriseCases,
            @DefaultValue("30s") Duration indexRefreshInterval,
            @DefaultValue("4096") int analysisCacheSize) {

        public Dedup {
            policy(
                    duplicateScore,
                    uncertainScore,
                    relatedScore,
                    duplicateWindow,
                    candidateSimilarity,
                    maxRelatedCandidates);
            if (maxSameEnterpriseCases < 1) {
                throw new IllegalArgumentException("qihu.triage.dedup.max-same-enterprise-cases must be at least 1");
            }
            if (analysisCacheSize < 0) {
                throw new IllegalArgumentException("qihu.triage.dedup.analysis-cache-size must not be negative");
            }
            if (indexRefreshInterval == null || indexRefreshInterval.isNegative() || indexRefreshInterval.isZero()) {
                throw new IllegalArgumentException("qihu.triage.dedup.index-refresh-interval must be positive");
            }
        }

        public DedupPolicy policy() {
            return policy(
                    duplicateScore,
                    uncertainScore,
                    relatedScore,
                    duplicateWindow,
                    candidateSimilarity,
                    maxRelatedCandidates);
        }

        private static DedupPolicy policy(
                double duplicate, double uncertain, double related, Duration window, double candidate, int max) {
            try {
                return new DedupPolicy(duplicate, uncertain, related, window, candidate, max);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("qihu.triage.dedup: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param enabled classify new cases with the model; when off, they get {@code default-classification}
     * @param model a model file written by {@code ./qihu triage train}; empty for the built-in default model. The model
     *     made active over HTTP (stored in the database) takes its place until another is made active.
     * @param minConfidence below this board confidence a case is flagged for manual triage
     * @param modelsDir the folder of model files that can be made active without a restart; created if missing
     * @param refreshInterval how often an instance checks the store for a model another instance made active
     */
    public record Classifier(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("") String model,
            @DefaultValue("0.5") double minConfidence,
            @DefaultValue(".qihu/models") Path modelsDir,
            @DefaultValue("30s") Duration refreshInterval) {

        public Classifier {
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                throw new IllegalArgumentException("qihu.triage.classifier.min-confidence must be within 0..1");
            }
            if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
                throw new IllegalArgumentException("qihu.triage.classifier.refresh-interval must be positive");
            }
        }
    }

    /**
     * @param hold a case that needs a person (an uncertain duplicate, an unsure classifier, an unidentified enterprise)
     *     waits in the manual triage queue, unpublished, until a person opens or merges it; when false it is opened at
     *     once and only flagged
     */
    public record Manual(@DefaultValue("true") boolean hold) {}
}

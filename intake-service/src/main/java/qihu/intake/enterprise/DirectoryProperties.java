package qihu.intake.enterprise;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The enterprise directory ({@code qihu.intake.enterprise-directory.*}).
 *
 * @param csv the file loaded at start-up ({@code uscc,name,region_code,industry}); rows are added or updated by
 *     credit code, never removed, and an unchanged file is not loaded again
 * @param batchSize rows per bulk write
 * @param retryInterval how long to wait before loading again when the store was not reachable at start-up
 * @param loadOnStart whether to load at start-up (tests load when they need it)
 */
@ConfigurationProperties("qihu.intake.enterprise-directory")
public record DirectoryProperties(
        @DefaultValue("classpath:enterprises-jinhua.csv") Resource csv,
        @DefaultValue("500") int batchSize,
        @DefaultValue("5s") Duration retryInterval,
        @DefaultValue("true") boolean loadOnStart) {

    public DirectoryProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("qihu.intake.enterprise-directory.batch-size must be positive");
        }
    }
}

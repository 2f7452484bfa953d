package qihu.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Driver settings for the service's MongoDB store ({@code qihu.store.*}).
 *
 * @param writeConcern acknowledgement every write waits for: {@code majority} (the default: an acknowledged write
 *     survives the loss of the primary), {@code 1}, or another number of members; a {@code w} in the connection
 *     string is overridden
 */
@ConfigurationProperties("qihu.store")
public record StoreProperties(
        @DefaultValue("3s") Duration serverSelectionTimeout,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("majority") String writeConcern) {}

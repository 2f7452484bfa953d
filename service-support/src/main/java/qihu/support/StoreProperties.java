package qihu.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Driver timeouts for the service's MongoDB store ({@code qihu.store.*}). */
@ConfigurationProperties("qihu.store")
public record StoreProperties(
        @DefaultValue("3s") Duration serverSelectionTimeout,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {}

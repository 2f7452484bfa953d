package qihu.intake.security;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.intake.channel.ChannelProperties;
import qihu.support.scheduling.PeriodicTask;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Every configured channel can sign; keys for a channel that is not configured are a typo. */
    @Bean
    ChannelRateLimiter channelRateLimiter(SecurityProperties security, ChannelProperties channels) {
        Set<String> configured = channels.channels().keySet();
        List<String> withoutKeys = configured.stream()
                .filter(channel -> security.keysOf(channel).isEmpty())
                .sorted()
                .toList();
        List<String> unknown = security.channels().keySet().stream()
                .filter(channel -> !configured.contains(channel))
                .sorted()
                .toList();
        if (!withoutKeys.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException("qihu.intake.security.channels must give keys to every channel of "
                    + "qihu.intake.channels and no other; without keys: " + withoutKeys + ", not a channel: "
                    + unknown);
        }
        return new ChannelRateLimiter(security, System::nanoTime);
    }

    @Bean
    ChannelNonces channelNonces(ReactiveMongoTemplate mongo, SecurityProperties security, Clock clock) {
        return new ChannelNonces(mongo, security, clock);
    }

    @Bean
    PeriodicTask nonceSweep(ChannelNonces nonces, SecurityProperties security) {
        return new PeriodicTask("expired nonce sweep", security.nonceSweepInterval(), nonces::sweep);
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(SecurityProperties security) {
        return new BodySizeLimitFilter(security);
    }

    @Bean
    AdminAuthenticationFilter adminAuthenticationFilter(AdminProperties admin) {
        return new AdminAuthenticationFilter(admin);
    }

    @Bean
    ChannelAuthenticationFilter channelAuthenticationFilter(
            SecurityProperties security, ChannelRateLimiter rateLimiter, ChannelNonces nonces, Clock clock) {
        return new ChannelAuthenticationFilter(security, rateLimiter, nonces, clock);
    }
}

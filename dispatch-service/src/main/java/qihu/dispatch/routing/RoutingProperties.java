package qihu.dispatch.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings ({@code qihu.dispatch.routing.*}).
 *
 * @param maxReturns returns (退回) after which a task waits for a person to route it instead of the next department
 * @param claimTimeout working time (counted in {@code qihu.dispatch.working-hours} on working days only) within which
 *     an assigned task must be claimed; after it the task goes to the fallback board's department
 * @param fallbackBoard the service board of the departments that take what nobody claims (兜底)
 */
@ConfigurationProperties("qihu.dispatch.routing")
public record RoutingProperties(
        @DefaultValue("2") int maxReturns,
        @DefaultValue("4h") Duration claimTimeout,
        @DefaultValue("FALLBACK") String fallbackBoard) {

    public RoutingProperties {
        if (claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "qihu.dispatch.routing.claim-timeout must be positive, got " + claimTimeout);
        }
    }
}

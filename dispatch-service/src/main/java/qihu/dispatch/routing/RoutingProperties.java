package qihu.dispatch.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings ({@code qihu.dispatch.routing.*}).
 *
 * @param maxReturns returns (退回) after which a task waits for a person to route it instead of the next department
 */
@ConfigurationProperties("qihu.dispatch.routing")
public record RoutingProperties(@DefaultValue("2") int maxReturns) {}

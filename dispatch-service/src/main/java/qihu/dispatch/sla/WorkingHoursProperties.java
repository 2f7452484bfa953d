package qihu.dispatch.sla;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Office hours on working days ({@code qihu.dispatch.working-hours.*}), in the SLA zone: notices wait for them and the
 * claim timeout counts only them.
 */
@ConfigurationProperties("qihu.dispatch.working-hours")
public record WorkingHoursProperties(
        @DefaultValue("08:30") LocalTime opens,
        @DefaultValue("17:30") LocalTime closes) {}

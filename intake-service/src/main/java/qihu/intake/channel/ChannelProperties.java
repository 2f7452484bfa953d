package qihu.intake.channel;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The channel systems allowed to send requests ({@code qihu.intake.*}). Adding a channel starts here.
 *
 * @param channels code → display name
 * @param regions CSV of region names the adapters turn into codes ({@code code,name,aliases})
 */
@ConfigurationProperties("qihu.intake")
public record ChannelProperties(
        Map<String, String> channels,
        @DefaultValue("classpath:regions.csv") Resource regions) {

    public ChannelProperties {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("qihu.intake.channels must list at least one channel");
        }
        channels = Map.copyOf(channels);
    }
}

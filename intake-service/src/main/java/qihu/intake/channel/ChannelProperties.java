package qihu.intake.channel;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The channel systems allowed to send requests ({@code qihu.intake.channels}): code → display name. Adding a
 * channel starts here.
 */
@ConfigurationProperties("qihu.intake")
public record ChannelProperties(Map<String, String> channels) {

    public ChannelProperties {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("qihu.intake.channels must list at least one channel");
        }
        channels = Map.copyOf(channels);
    }
}

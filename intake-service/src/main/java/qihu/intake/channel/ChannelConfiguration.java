package qihu.intake.channel;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    @Bean
    Regions regions(ChannelProperties properties) {
        return Regions.load(properties.regions());
    }

    /** Every {@link ChannelMapper} component is an adapter; each must belong to a configured channel. */
    @Bean
    ChannelAdapters channelAdapters(List<ChannelMapper<?>> mappers, ChannelProperties properties) {
        return new ChannelAdapters(mappers, properties.channels().keySet());
    }
}

package qihu.intake.open311;

import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import qihu.intake.channel.ChannelProperties;
import qihu.intake.channel.Regions;
import qihu.intake.progress.RequestStatusQuery;
import qihu.intake.request.RequestAcceptance;

@Configuration(proxyBeanMethods = false)
class Open311Configuration {

    /** Every API key belongs to a configured channel: a request is accepted for its channel like any other. */
    @Bean
    ApiKeys open311ApiKeys(Open311Properties open311, ChannelProperties channels) {
        List<String> unknown = open311.apiKeys().keySet().stream()
                .filter(channel -> !channels.channels().containsKey(channel))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(
                    "qihu.intake.open311.api-keys names channels missing from qihu.intake.channels: " + unknown);
        }
        return new ApiKeys(open311.apiKeys());
    }

    @Bean
    ServiceCatalogue open311Services(Open311Properties open311) {
        return new ServiceCatalogue(open311.services());
    }

    @Bean
    Open311Requests open311Requests(
            RequestAcceptance acceptance,
            RequestStatusQuery status,
            ReactiveMongoTemplate mongo,
            Regions regions,
            Open311Properties open311,
            Clock clock) {
        return new Open311Requests(acceptance, status, mongo, new Open311Mapper(regions), open311.maxResults(), clock);
    }
}

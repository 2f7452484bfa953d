package qihu.triage.triaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import qihu.support.scheduling.PeriodicTask;

@Configuration(proxyBeanMethods = false)
class ClassifierConfiguration {

    /** Picks up a model another instance made active. */
    @Bean
    PeriodicTask activeModelRefresh(ModelSwitch models, TriageProperties properties) {
        return new PeriodicTask("active model refresh", properties.classifier().refreshInterval(), models::refresh);
    }
}

package qihu.dispatch.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.DirectoryProperties;
import qihu.dispatch.sla.SlaPolicy;
import qihu.dispatch.sla.SlaProperties;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** China's official working days, from the holiday files bundled with common-calendar. */
    @Bean
    DeadlineCalculator deadlineCalculator(SlaProperties sla) {
        return new DeadlineCalculator(WorkingDayCalendar.bundled(), sla.zone());
    }

    @Bean
    SlaPolicy slaPolicy(SlaProperties sla) {
        return new SlaPolicy(sla.workingDays(), sla.boardOverrides());
    }

    @Bean
    Directory directory(DirectoryProperties properties) {
        return properties.toDirectory();
    }
}

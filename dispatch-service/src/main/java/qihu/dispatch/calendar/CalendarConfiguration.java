package qihu.dispatch.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import qihu.calendar.DeadlineCalculator;
import qihu.calendar.WorkingDayCalendar;
import qihu.dispatch.routing.Directory;
import qihu.dispatch.routing.DirectoryProperties;
import qihu.dispatch.sla.SlaPolicy;
import qihu.dispatch.sla.SlaProperties;
import qihu.dispatch.sla.SlaSchedule;
import qihu.dispatch.sla.WorkingHours;
import qihu.dispatch.sla.WorkingHoursProperties;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** China's official working days: the holiday files bundled with common-calendar, plus years loaded since. */
    @Bean
    CalendarHolder calendarHolder(SlaProperties sla) {
        return new CalendarHolder(new DeadlineCalculator(WorkingDayCalendar.bundled(), sla.zone()));
    }

    @Bean
    SlaSchedule slaSchedule(CalendarHolder calendar, SlaProperties sla) {
        return new SlaSchedule(calendar, sla.warnShare(), sla.warnDaysLeft(), sla.escalateEvery());
    }

    @Bean
    WorkingHours workingHours(CalendarHolder calendar, WorkingHoursProperties hours) {
        return new WorkingHours(calendar, hours.opens(), hours.closes());
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

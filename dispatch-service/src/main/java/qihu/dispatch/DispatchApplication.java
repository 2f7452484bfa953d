package qihu.dispatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Dispatch (交办): routes cases to departments and runs their tasks against working-day deadlines. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchApplication {
    public static void main(String[] args) {
        SpringApplication.run(DispatchApplication.class, args);
    }
}

package qihu.triage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Triage (分拨): turns requests into cases, merging duplicates and classifying what is new. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageApplication {
    public static void main(String[] args) {
        SpringApplication.run(TriageApplication.class, args);
    }
}

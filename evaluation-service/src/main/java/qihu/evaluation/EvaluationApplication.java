package qihu.evaluation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Evaluation (评价): the enterprise's rating closes or reopens a case; the figures leaders watch. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EvaluationApplication {
    public static void main(String[] args) {
        SpringApplication.run(EvaluationApplication.class, args);
    }
}

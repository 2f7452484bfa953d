package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQl.metricNames(
                        "histogram_quantile(0.99, sum by (application, le) (rate(http_server_requests_seconds_bucket"
                                + "{uri!~\"/actuator.*\"}[5m])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("max(qihu_tasks_open{colour=\"RED\"}) - max(qihu_tasks_open{colour=\"RED\"}"
                        + " offset 1h) > 10"))
                .containsExactly("qihu_tasks_open");
        assertThat(PromQl.metricNames(
                        "sum by (service) (up{job=\"qihu\"}) == 0 and on (service) process_uptime_seconds"))
                .containsExactly("process_uptime_seconds", "up");
        assertThat(PromQl.metricNames("sum(increase(a_total[24h])) / sum(increase(b_count[24h])) * 60"))
                .containsExactly("a_total", "b_count");
    }
}

package qihu.deploy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import qihu.deploy.ChannelClient;
import qihu.deploy.LocalStack;
import qihu.deploy.Service;

/** A 12345 hotline request through a running stack, as the packaging's integration tests send it. */
final class StackRequests {

    static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StackRequests() {}

    /** Submits a signed canonical request (its text carries the id: no two are duplicates); returns its request id. */
    static String submit(LocalStack stack, String channelRequestId) throws Exception {
        String body = """
                {"channel": "hotline-12345", "channelRequestId": "%1$s",
                 "enterprise": {"uscc": "91330782MA2D7QF513", "name": "义乌市鸿达小商品有限公司"},
                 "regionCode": "330782", "title": "厂房消防验收迟迟未办结 %1$s",
                 "content": "我司新建厂房于一月提交消防验收申请，至今未收到验收结果，影响投产。编号 %1$s",
                 "contact": {"name": "王经理", "phone": "13905791234"}}
                """.formatted(channelRequestId);
        ChannelClient channels =
                new ChannelClient(stack.serviceUrl(Service.INTAKE), ChannelClient.demoKeys(Path.of("..")));
        HttpResponse<String> accepted =
                send(channels.canonical("hotline-12345", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return accepted.body().replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1");
    }

    /** Waits until intake reports the request's case assigned to a department. */
    static void awaitAssigned(LocalStack stack, String channelRequestId) throws Exception {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = send(HttpRequest.newBuilder(stack.serviceUrl(Service.INTAKE)
                            .resolve("/api/v1/channels/hotline-12345/requests/" + channelRequestId))
                    .GET()
                    .build());
            last = status.body();
            if (status.statusCode() == 200 && last.contains("\"status\":\"ASSIGNED\"")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(channelRequestId + " was not assigned within " + EVENTUAL + "; last: " + last);
    }

    /** Every call has a deadline: a service that never answers fails the test instead of hanging the build. */
    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    }
}

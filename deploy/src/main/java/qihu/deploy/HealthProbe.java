package qihu.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Asks a Spring Boot actuator health endpoint whether the service is UP. */
final class HealthProbe {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int HTTP_OK = 200;
    private static final int MAX_DETAIL_LENGTH = 200;
    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    /** The outcome of one probe; {@code detail} says what was seen, for error messages. */
    record Result(boolean up, String detail) {}

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    Result check(URI healthUrl) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(healthUrl).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == HTTP_OK
                    && STATUS_UP.matcher(response.body()).find();
            return new Result(up, "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        } catch (IOException e) {
            return new Result(
                    false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL_LENGTH ? oneLine : oneLine.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}

package qihu.intake;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import qihu.intake.security.ChannelAuthenticationFilter;
import qihu.intake.security.SecurityProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to intake as a channel system would: canonical requests or a channel's own payload, signed with the
 * channel's first configured key (the demo keys of application.yml), a fresh nonce and the current time.
 */
public final class IntakeClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient http;
    private final SecurityProperties security;

    public IntakeClient(WebTestClient http, SecurityProperties security) {
        this.http = http;
        this.security = security;
    }

    /** A canonical request (a map, so that tests can break it), signed by the channel it names. */
    public WebTestClient.ResponseSpec submit(Map<String, Object> canonicalRequest) {
        return submitAs(
                (String) canonicalRequest.get("channel"), "/api/v1/requests", JSON.writeValueAsBytes(canonicalRequest));
    }

    /** A channel's native payload to {@code POST /api/v1/channels/{channel}/requests}, signed by that channel. */
    public WebTestClient.ResponseSpec submit(String channel, byte[] body) {
        return submitAs(channel, "/api/v1/channels/" + channel + "/requests", body);
    }

    /** Any body to any path, signed by {@code signer}. */
    public WebTestClient.ResponseSpec submitAs(String signer, String path, byte[] body) {
        return post(path, body, signedHeaders(signer, body));
    }

    /** The headers a channel sends, signed now with its first key and a new nonce. */
    public Map<String, String> signedHeaders(String channel, byte[] body) {
        return signedHeaders(channel, security.keysOf(channel).get(0), nonce(), Instant.now(), body);
    }

    public Map<String, String> signedHeaders(String channel, String key, String nonce, Instant at, byte[] body) {
        return ChannelAuthenticationFilter.headers(channel, key, nonce, at, body);
    }

    public WebTestClient.ResponseSpec post(String path, byte[] body, Map<String, String> headers) {
        return http.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::set))
                .bodyValue(body)
                .exchange();
    }

    public static String nonce() {
        return UUID.randomUUID().toString();
    }
}

package qihu.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSignatureTest {

    static final byte[] BODY = "{\"bizNo\":\"ZLB2026112000012345\"}".getBytes(StandardCharsets.UTF_8);
    static final String TIMESTAMP = "1795138200";
    static final String NONCE = "6f1c2b9e-4d3a-4e8b-9c71-0a5d3e2f8b14";
    static final String KEY = "demo-zheliban-key-1";

    /**
     * The same as {@code printf '1795138200\n6f1c…\n{"bizNo":…}' | openssl dgst -sha256 -hmac demo-zheliban-key-1}:
     * what a channel computes with any HMAC tool.
     */
    static final String EXPECTED = "900e0d825fad749391f52e2b35afa933379c236b4724ba55934030e0779c21c7";

    @Test
    void isTheHmacOfTimestampNonceAndBodyAsOpensslComputesIt() {
        assertThat(ChannelSignature.sign(KEY, TIMESTAMP, NONCE, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void eitherOfAChannelsTwoKeysVerifiesItDuringARotation() {
        String byNewKey = ChannelSignature.sign("demo-zheliban-key-2", TIMESTAMP, NONCE, BODY);
        List<String> keys = List.of(KEY, "demo-zheliban-key-2");

        assertThat(ChannelSignature.verifies(keys, TIMESTAMP, NONCE, BODY, byNewKey))
                .isTrue();
        assertThat(ChannelSignature.verifies(keys, TIMESTAMP, NONCE, BODY, byNewKey.toUpperCase()))
                .isTrue();
        assertThat(ChannelSignature.verifies(List.of(KEY), TIMESTAMP, NONCE, BODY, byNewKey))
                .isFalse();
    }

    @Test
    void changingAnySignedPartBreaksTheSignature() {
        String signature = ChannelSignature.sign(KEY, TIMESTAMP, NONCE, BODY);
        List<String> keys = List.of(KEY);
        byte[] tampered = "{\"bizNo\":\"ZLB2026112000012346\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ChannelSignature.verifies(keys, TIMESTAMP, NONCE, BODY, signature))
                .isTrue();
        assertThat(ChannelSignature.verifies(keys, TIMESTAMP, NONCE, tampered, signature))
                .isFalse();
        assertThat(ChannelSignature.verifies(keys, "1795138201", NONCE, BODY, signature))
                .isFalse();
        assertThat(ChannelSignature.verifies(keys, TIMESTAMP, NONCE + "x", BODY, signature))
                .isFalse();
        assertThat(ChannelSignature.verifies(List.of("demo-forum-key-1"), TIMESTAMP, NONCE, BODY, signature))
                .isFalse();
    }
}
